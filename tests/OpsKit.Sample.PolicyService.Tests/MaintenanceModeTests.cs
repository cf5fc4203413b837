using System.Net;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>S3-T6 maintenance mode through the flag file configured in <c>OpsKit:Health:MaintenanceFile</c>.</summary>
[Collection(PolicyServiceCollection.Name)]
public sealed class MaintenanceModeTests(PolicyDatabaseFixture database, ITestOutputHelper output)
{
    /// <summary>
    /// The scenario's 2 s. The engine polls the flag file every second, so readiness follows within about 1 s on an idle
    /// machine; <see cref="FaultClock.LoadedMachineSlack"/> covers a timer and polls that lag on a loaded one. The 1 s poll
    /// itself is proven on a fake clock in tests/OpsKit.Tests/Health/SchedulingTests.cs.
    /// </summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task S3_T6_creating_the_flag_file_makes_readiness_503_maintenance_and_deleting_it_restores_200()
    {
        var flag = database.TempPath("maintenance_mode");
        await using var host = await PolicyHost.StartAsync(database, new Dictionary<string, string?> { ["OpsKit:Health:MaintenanceFile"] = flag });
        await PolicyHost.WaitUntilReadyAsync(host);
        Assert.Equal(0, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_maintenance"));

        await File.WriteAllTextAsync(flag, "planned database upgrade");
        var (status, json) = await FaultClock.Start("S3-T6", "flag-created", Within, output).UntilAsync(
            () => host.GetJsonAsync("/health/ready"),
            r => r.Status == HttpStatusCode.ServiceUnavailable,
            "readiness answers 503 after the flag file appears");
        Assert.Equal("maintenance", json.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/live"));
        await MaintenanceGaugeAsync(host, 1);

        File.Delete(flag);
        await FaultClock.Start("S3-T6", "flag-deleted", Within, output).UntilAsync(
            async () => await host.GetStatusAsync("/health/ready") == HttpStatusCode.OK,
            "readiness answers 200 after the flag file is deleted");
        await MaintenanceGaugeAsync(host, 0);
    }

    /// <summary>
    /// Polled: the exporter answers a scrape within 300 ms of the previous one from its cache, and the flag file can be
    /// seen sooner than that after the last scrape.
    /// </summary>
    private static Task MaintenanceGaugeAsync(SampleHost host, double value) => Eventually.Until(
        host.ScrapeAsync,
        m => SampleHost.MetricValue(m, "opskit_maintenance") == value,
        TimeSpan.FromSeconds(2),
        $"opskit_maintenance is {value}");
}
