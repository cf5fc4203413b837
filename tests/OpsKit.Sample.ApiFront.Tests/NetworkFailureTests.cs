using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;
using OpsKit.Testing.Shared;

namespace OpsKit.Sample.ApiFront.Tests;

public sealed class NetworkFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Lucid? _lucid;

    private Lucid Lucid => _lucid!;

    public async Task InitializeAsync() => _lucid = await Lucid.StartAsync();

    public async Task DisposeAsync() => await Lucid.DisposeAsync();

    [Fact]
    public async Task S2_T5_dns_failure_refused_port_and_hung_service_have_distinct_categories()
    {
        using var hung = new SilentListener();
        using var closed = new ClosedPort();
        await using var host = await Lucid.StartSampleAsync(
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Checks:mongodb:Host"] = "lucid-mongodb.invalid",
                ["OpsKit:Health:Checks:mongodb:Port"] = "27017",
                ["OpsKit:Health:Checks:rdp-server:Port"] = closed.Port.ToString(CultureInfo.InvariantCulture),
                ["OpsKit:Health:Checks:blockchain-engine:Url"] = $"http://127.0.0.1:{hung.Port.ToString(CultureInfo.InvariantCulture)}/health",
            },
            // The DNS seam: .invalid names fail like NXDOMAIN without asking the machine's resolver.
            builder => builder.Services.AddSingleton<IHostResolver>(new FakeResolver()));

        // The faults are there from the start: timed from the started host, whose checks run at once.
        var (status, health) = await host.HealthAfterFaultAsync(
            FaultClock.Start("S2-T5", "three-faults-from-start", FaultClock.N, output),
            h => h.Status("mongodb") == "Unhealthy" && h.Status("rdp-server") == "Unhealthy" && h.Status("blockchain-engine") == "Unhealthy"
                && h.Status("search") == "Healthy",
            "the three failures are reported, and only them");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("dns", health.Check("mongodb").Category());
        Assert.Equal("lucid-mongodb.invalid", health.Check("mongodb").Data().GetProperty("host").GetString());
        Assert.Equal("connection_refused", health.Check("rdp-server").Category());
        Assert.Equal("timeout", health.Check("blockchain-engine").Category());
    }
}
