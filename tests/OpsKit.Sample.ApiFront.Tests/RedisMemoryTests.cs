using System.Globalization;

namespace OpsKit.Sample.ApiFront.Tests;

/// <summary>S2-T2 changes the server's memory settings with CONFIG SET; teardown puts the original values back.</summary>
public sealed class RedisMemoryTests : IAsyncLifetime
{
    private Lucid? _lucid;
    private string? _maxmemory;
    private string? _policy;

    private Lucid Lucid => _lucid!;

    public async Task InitializeAsync()
    {
        _lucid = await Lucid.StartAsync();
        _maxmemory = await ConfigGetAsync("maxmemory");
        _policy = await ConfigGetAsync("maxmemory-policy");
    }

    public async Task DisposeAsync()
    {
        await Lucid.Redis.ExecuteAsync("FLUSHALL");
        await Lucid.Redis.ExecuteAsync("CONFIG", "SET", "maxmemory", _maxmemory!);
        await Lucid.Redis.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", _policy!);
        Assert.Equal(_maxmemory, await ConfigGetAsync("maxmemory"));
        Assert.Equal(_policy, await ConfigGetAsync("maxmemory-policy"));
        await Lucid.DisposeAsync();
    }

    [Fact]
    public async Task S2_T2_maxmemory_0_is_degraded_as_not_set()
    {
        await Lucid.Redis.ExecuteAsync("CONFIG", "SET", "maxmemory", "0");
        await using var host = await Lucid.StartSampleAsync();

        // Both checks in the predicate: redis.memory can finish its first run before redis does.
        var (_, health) = await host.HealthUntilAsync(
            h => h.Status("redis.memory") == "Degraded" && h.Status("redis") == "Healthy", "maxmemory 0 is reported", Lucid.StartUpAndN);

        Assert.Equal("maxmemory not set", health.Check("redis.memory").Message());
        Assert.Equal("Healthy", health.Status("redis"));
    }

    [Fact]
    public async Task S2_T2_noeviction_where_allkeys_lru_is_expected_is_degraded_naming_the_policy()
    {
        await Lucid.Redis.ExecuteAsync("CONFIG", "SET", "maxmemory", "2mb");
        await Lucid.Redis.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await using var host = await Lucid.StartSampleAsync();

        var (_, health) = await host.HealthUntilAsync(h => h.Status("redis.memory") == "Degraded", "the eviction policy is reported", Lucid.StartUpAndN);

        var memory = health.Check("redis.memory");
        Assert.Contains("maxmemory-policy is noeviction, expected allkeys-lru", memory.Message(), StringComparison.Ordinal);
        Assert.Equal("noeviction", memory.Data().GetProperty("policy").GetString());
    }

    [Fact]
    public async Task S2_T2_memory_filled_above_90_percent_reports_the_ratio_per_threshold_in_data_and_gauge()
    {
        const long max = 2 * 1024 * 1024;
        await Lucid.Redis.ExecuteAsync("CONFIG", "SET", "maxmemory", "2mb");
        await using var host = await Lucid.StartSampleAsync();
        var value = new string('x', 8 * 1024);
        for (var i = 0; i < 400 && await UsedMemoryAsync() < 0.97 * max; i++)
        {
            await Lucid.Redis.ExecuteAsync("SET", $"lucid:cache:{i}", value);
        }

        // appsettings.json: Degraded at 0.8, Unhealthy at 0.95 of maxmemory.
        var (_, health) = await host.HealthUntilAsync(
            h => h.Status("redis.memory") is "Degraded" or "Unhealthy" && h.Check("redis.memory").Data().GetProperty("usage").GetDouble() > 0.9,
            "usage above 90 % of maxmemory is reported");

        var memory = health.Check("redis.memory");
        var usage = memory.Data().GetProperty("usage").GetDouble();
        Assert.Equal(usage >= 0.95 ? "Unhealthy" : "Degraded", memory.GetProperty("status").GetString());
        Assert.Equal(max, memory.Data().GetProperty("max").GetInt64());
        Assert.Contains("of maxmemory", memory.Message(), StringComparison.Ordinal);
        Assert.True(SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_redis_memory_utilization") > 0.9);
    }

    private async Task<string> ConfigGetAsync(string name)
    {
        var reply = (string[])(await Lucid.Redis.ExecuteAsync("CONFIG", "GET", name))!;
        return reply[1];
    }

    private async Task<long> UsedMemoryAsync()
    {
        var info = (string)(await Lucid.Redis.ExecuteAsync("INFO", "memory"))!;
        var line = info.Split("\r\n").First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..], CultureInfo.InvariantCulture);
    }
}
