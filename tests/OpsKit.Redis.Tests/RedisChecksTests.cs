using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

[Collection(SharedRedisCollection.Name)]
public sealed class RedisChecksTests(RedisServerFixture fixture)
{
    private RedisServer Server => fixture.Server;

    [Fact]
    public async Task Connected_server_reports_ping_latency_endpoints_and_memory_data()
    {
        await using var app = await RedisApp.StartAsync(Server, o => o.Memory.RequireMaxMemory = false);

        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("redis", "Healthy") && r.HasCheck("redis.memory", "Healthy") && r.HasCheck("redis.locks", "Healthy"),
            TimeSpan.FromSeconds(6),
            "every Redis check is Healthy");
        Assert.Equal(200, response.Code);
        var redis = response.Check("redis").GetProperty("data");
        Assert.True(redis.GetProperty("latency_ms").GetDouble() >= 0);
        Assert.Equal(Server.ConnectionString, Assert.Single(redis.GetProperty("endpoints").EnumerateArray()).GetString());
        var memory = response.Check("redis.memory").GetProperty("data");
        Assert.True(memory.GetProperty("used").GetInt64() > 0);
        Assert.Equal(0, memory.GetProperty("max").GetInt64());
        Assert.Equal("noeviction", memory.GetProperty("policy").GetString());
    }

    [Fact]
    public async Task Lock_keys_without_ttl_or_with_too_long_a_ttl_are_found_by_scan_and_named_in_the_sample()
    {
        await Server.ExecuteAsync("SET", "callfs:lock:/a/b", "t1");
        await Server.ExecuteAsync("SET", "callfs:lock:/c/d", "t2", "PX", "600000");
        await Server.ExecuteAsync("SET", "callfs:lock:/e/f", "t3", "PX", "30000");
        await Server.ExecuteAsync("SET", "callfs:data:/a/b", "not a lock");
        try
        {
            await using var app = await RedisApp.StartAsync(Server, o => o.Locks.LockPatterns = ["callfs:lock:*"]);
            var response = await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                r => r.HasCheck("redis.locks", "Degraded") && r.Code == 200,
                TimeSpan.FromSeconds(6),
                "the orphaned locks are reported");
            var data = response.Check("redis.locks").GetProperty("data");
            Assert.Equal(1, data.GetProperty("keys_without_ttl").GetInt32());
            Assert.Equal(1, data.GetProperty("keys_ttl_above_timeout").GetInt32());
            var sample = data.GetProperty("sample").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["callfs:lock:/a/b", "callfs:lock:/c/d"], sample);
            Assert.Equal(200, response.Code);

            var commandStats = (string)(await Server.ExecuteAsync("INFO", "commandstats"))!;
            Assert.Contains("cmdstat_scan", commandStats, StringComparison.Ordinal);
            Assert.DoesNotContain("cmdstat_keys", commandStats, StringComparison.Ordinal);
        }
        finally
        {
            await Server.ExecuteAsync("DEL", "callfs:lock:/a/b", "callfs:lock:/c/d", "callfs:lock:/e/f", "callfs:data:/a/b");
        }
    }

    [Fact]
    public async Task Scan_stops_at_the_configured_bound()
    {
        await using var app = await RedisApp.StartAsync(Server, o =>
        {
            o.Locks.LockPatterns = ["bound:lock:*"];
            o.Locks.MaxKeysScanned = 1;
        });
        var db = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        for (var i = 0; i < 50; i++)
        {
            await db.StringSetAsync($"filler:{i}", "x", TimeSpan.FromMinutes(1));
        }

        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("redis.locks", "Healthy") && r.Check("redis.locks").GetProperty("data").GetProperty("scan_truncated").GetBoolean() && r.Code == 200,
            TimeSpan.FromSeconds(6),
            "the scan is cut at one key");
        Assert.Equal(200, response.Code);
    }
}
