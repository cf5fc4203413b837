using System.Net;

namespace OpsKit.Sample.ApiFront.Tests;

public sealed class DownstreamTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Lucid? _lucid;

    private Lucid Lucid => _lucid!;

    public async Task InitializeAsync() => _lucid = await Lucid.StartAsync();

    public async Task DisposeAsync() => await Lucid.DisposeAsync();

    [Fact]
    public async Task S2_T3_blockchain_engine_503_and_search_red_fail_readiness_with_both_checks_unhealthy()
    {
        await using var host = await Lucid.StartSampleAsync();
        await host.AllHealthyAsync();

        Lucid.Downstreams.BlockchainEngineStatus = 503;
        Lucid.Downstreams.SearchClusterStatus = "red";

        var (status, health) = await host.HealthAfterFaultAsync(
            FaultClock.Start("S2-T3", "engine-503-search-red", FaultClock.N, output),
            h => h.Status("blockchain-engine") == "Unhealthy" && h.Status("search") == "Unhealthy",
            "both failures are reported");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.GetStatusAsync("/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/live"));
        var engine = health.Check("blockchain-engine");
        Assert.True(engine.GetProperty("critical").GetBoolean());
        Assert.Equal("status", engine.Category());
        Assert.Equal(503, engine.Data().GetProperty("status_code").GetInt32());
        var search = health.Check("search");
        Assert.True(search.GetProperty("critical").GetBoolean());
        Assert.Equal("red", search.Data().GetProperty("json_value").GetString());
    }

    [Fact]
    public async Task S2_T3_search_cluster_yellow_is_degraded_and_green_is_healthy_again()
    {
        await using var host = await Lucid.StartSampleAsync();
        await host.AllHealthyAsync();

        Lucid.Downstreams.SearchClusterStatus = "yellow";
        var (status, health) = await host.HealthAfterFaultAsync(
            FaultClock.Start("S2-T3", "search-yellow", FaultClock.N, output), h => h.Status("search") == "Degraded", "yellow is reported as Degraded");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Equal("yellow", health.Check("search").Data().GetProperty("json_value").GetString());
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/ready"));

        Lucid.Downstreams.SearchClusterStatus = "green";
        (_, health) = await host.HealthAfterFaultAsync(
            FaultClock.Start("S2-T3", "search-green", FaultClock.N, output), h => h.Status("search") == "Healthy", "green is reported as Healthy");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task S2_T3_blockchain_engine_marked_non_critical_leaves_readiness_200_and_overall_degraded()
    {
        await using var host = await Lucid.StartSampleAsync(new Dictionary<string, string?> { ["OpsKit:Health:Checks:blockchain-engine:Critical"] = "false" });
        await host.AllHealthyAsync();

        Lucid.Downstreams.BlockchainEngineStatus = 503;

        var (status, health) = await host.HealthAfterFaultAsync(
            FaultClock.Start("S2-T3", "non-critical-engine-503", FaultClock.N, output), h => h.Status("blockchain-engine") == "Unhealthy", "the failure is reported");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.False(health.Check("blockchain-engine").GetProperty("critical").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/ready"));
    }
}
