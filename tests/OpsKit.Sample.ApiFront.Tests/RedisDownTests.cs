using System.Net;
using System.Text.Json;

namespace OpsKit.Sample.ApiFront.Tests;

public sealed class RedisDownTests : IAsyncLifetime
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
        var (status, health) = await host.HealthUntilAsync(
            h => h.Status("redis") == "Unhealthy" && h.Check("redis").Category() == "connection_refused", "the stopped Redis is reported within N");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.False(health.Check("redis").GetProperty("critical").GetBoolean());
        Assert.Equal("connection_refused", health.Check("redis").Category());
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/ready"));
        Assert.Equal(0, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_health_check_status", "check=\"redis\""));
        var after = await host.GetApiAsync("/api/v1/test", token);
        Assert.Equal(200, after.Status);
        Assert.Equal(JsonValueKind.Null, after.Json.GetProperty("requests_this_minute").ValueKind);
    }
}
