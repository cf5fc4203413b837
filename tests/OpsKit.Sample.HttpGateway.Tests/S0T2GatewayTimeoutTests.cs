using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;
using OpsKit.Testing;
using OpsKit.Testing.Shared;
using static OpsKit.Sample.HttpGateway.Tests.GatewayHost;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>S0-T2 "Connection timeout to gateway": the gateway check (critical, timeout 2 s) on the running sample.</summary>
public sealed class S0T2GatewayTimeoutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task S0_T2_hung_gateway_health_fails_readiness_as_timeout_while_probes_stay_fast_and_recovers()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        gateway.HealthDelay = TimeSpan.FromSeconds(30);
        await using var host = await StartAsync(Settings(gateway, root.Path));

        // The stub hangs from the start: timed from the started host, whose first run begins at once.
        var check = await WaitForCheckAsync(host, "gateway", "Unhealthy", clock: FaultClock.Start("S0-T2", "gateway-hung", FaultClock.N, output));
        Assert.True(check.GetProperty("critical").GetBoolean());
        Assert.Equal("timeout", check.GetProperty("error").GetProperty("category").GetString());
        Assert.Contains("2000 ms", check.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await WaitForMetricAsync(host, "opskit_health_check_status", v => v == 0, "check=\"gateway\""));
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/live"));
        // Below the check's 2 s timeout: a probe that ran the hung check would wait all of it. (Served from the snapshot
        // a probe takes milliseconds; the old 1 s bound left too little for a request caught by a CPU burst on 2 cores.)
        for (var i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.GetStatusAsync("/health/ready"));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"/health/ready took {watch.Elapsed.TotalMilliseconds} ms");
        }

        gateway.HealthDelay = TimeSpan.Zero;

        await FaultClock.Start("S0-T2", "gateway-answers-again", FaultClock.N, output).UntilAsync(
            async () => await host.GetStatusAsync("/health/ready") == HttpStatusCode.OK,
            "readiness is 200 again once the gateway answers");
    }

    [Fact]
    public async Task S0_T2_unresolvable_gateway_host_is_reported_with_category_dns()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        var settings = Settings(gateway, root.Path);
        // Through OpsKit's resolver seam: nothing reaches the machine's resolver.
        settings["OpsKit:Health:Checks:gateway:Url"] = "http://gateway.invalid/health";
        await using var host = await StartAsync(settings, builder => builder.Services.AddSingleton<IHostResolver>(new FakeResolver()));

        var check = await WaitForCheckAsync(host, "gateway", "Unhealthy", clock: FaultClock.Start("S0-T2", "gateway-dns", FaultClock.N, output));

        Assert.Equal("dns", check.GetProperty("error").GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.GetStatusAsync("/health/ready"));
    }
}
