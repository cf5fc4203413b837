using System.Net;
using System.Text.Json;

namespace OpsKit.Sample.ApiFront.Tests;

public sealed class RedisDownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Lucid? _lucid;

    private Lucid Lucid => _lucid!;

    public async Task InitializeAsync() => _lucid = await Lucid.StartAsync();

    public async Task DisposeAsync() => await Lucid.DisposeAsync();

    [Fact]
    public async Task S2_T1_redis_stopped_leaves_readiness_200_overall_degraded_and_the_api_serving()
    {
        await using var host = await Lucid.StartSampleAsync();
        await host.AllHealthyAsync();
        var token = Lucid.Token();
        var before = await host.GetApiAsync("/api/v1/test", token);
        Assert.Equal(200, before.Status);
        Assert.Equal(1, before.Json.GetProperty("requests_this_minute").GetInt64());

        await Lucid.Redis.StopAsync();

        // The category in the predicate too: a PING in flight when Redis stopped can first fail otherwise (e.g. timeout).
        var (status, health) = await host.HealthAfterFaultAsync(
            FaultClock.Start("S2-T1", "redis-stopped", FaultClock.N, output),
            h => h.Status("redis") == "Unhealthy" && h.Check("redis").Category() == "connection_refused",
            "the stopped Redis is reported");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.False(health.Check("redis").GetProperty("critical").GetBoolean());
        Assert.Equal("connection_refused", health.Check("redis").Category());
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/ready"));
        Assert.Equal(0, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_health_check_status", "check=\"redis\""));
        var failuresBefore = StoreFailures(await host.ScrapeAsync());
        var after = await host.GetApiAsync("/api/v1/test", token);
        Assert.Equal(200, after.Status);
        Assert.Equal(JsonValueKind.Null, after.Json.GetProperty("requests_this_minute").ValueKind);
        await StoreFailuresUntilAsync(host, failuresBefore + 1);
        Assert.Equal(200, (await host.GetApiAsync("/api/v1/test", token)).Status);
        await StoreFailuresUntilAsync(host, failuresBefore + 2);
    }

    [Fact]
    public async Task S2_T1_redis_stopped_with_fail_closed_answers_503_on_limited_routes_only()
    {
        await using var host = await Lucid.StartSampleAsync(new Dictionary<string, string?> { ["OpsKit:Redis:RateLimiting:api:FailMode"] = "Closed" });
        var token = Lucid.Token();
        Assert.Equal(200, (await host.GetApiAsync("/api/v1/test", token)).Status);

        await Lucid.Redis.StopAsync();
        await host.HealthAfterFaultAsync(
            FaultClock.Start("S2-T1", "redis-stopped-fail-closed", FaultClock.N, output), h => h.Status("redis") == "Unhealthy", "the stopped Redis is reported");

        Assert.Equal(503, (await host.GetApiAsync("/api/v1/test", token)).Status);
        await StoreFailuresUntilAsync(host, 1);
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/ready"));
    }

    /// <summary>Polls /metrics until the store-failure counter is exactly <paramref name="expected"/> (the exporter may serve a cached scrape).</summary>
    private static Task<string> StoreFailuresUntilAsync(SampleHost host, double expected) =>
        Eventually.Until(host.ScrapeAsync, m => StoreFailures(m) == expected, Lucid.N, $"opskit_rate_limit_store_failures_total{{policy=\"api\"}} = {expected}");

    /// <summary>Requests the Redis-backed limiter decided without Redis; 0 while the series does not exist yet.</summary>
    private static double StoreFailures(string metrics) =>
        SampleHost.MetricValue(metrics, "opskit_rate_limit_store_failures_total", "policy=\"api\"") ?? 0;
}
