using System.Net;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>S3-T6 maintenance mode through the flag file configured in <c>OpsKit:Health:MaintenanceFile</c>.</summary>
[Collection(PolicyServiceCollection.Name)]
public sealed class MaintenanceModeTests(PolicyDatabaseFixture database)
{
    [Fact]
    public async Task S3_T6_creating_the_flag_file_makes_readiness_503_maintenance_and_deleting_it_restores_200()
    {
        var flag = database.TempPath("maintenance_mode");
        await using var host = await PolicyHost.StartAsync(database, new Dictionary<string, string?> { ["OpsKit:Health:MaintenanceFile"] = flag });
        await PolicyHost.WaitUntilReadyAsync(host);
        Assert.Equal(0, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_maintenance"));

        await File.WriteAllTextAsync(flag, "planned database upgrade");
        var (status, json) = await Eventually.Until(
            () => host.GetJsonAsync("/health/ready"),
            r => r.Status == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(2),
            "readiness answers 503 after the flag file appears");
        Assert.Equal("maintenance", json.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/live"));
        Assert.Equal(1, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_maintenance"));

        File.Delete(flag);
        await Eventually.Until(
            async () => await host.GetStatusAsync("/health/ready") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(2),
            "readiness answers 200 after the flag file is deleted");
        Assert.Equal(0, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_maintenance"));
    }
}
