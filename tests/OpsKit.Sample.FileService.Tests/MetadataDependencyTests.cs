using System.Net;

namespace OpsKit.Sample.FileService.Tests;

/// <summary>The <c>metadata</c> check declares <c>DependsOn: postgres</c> (appsettings.json); this stops PostgreSQL, so it has servers of its own.</summary>
public sealed class MetadataDependencyTests
{
    [Fact]
    public async Task The_metadata_check_is_not_run_while_postgres_is_down_and_runs_again_after()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(postgres, redis, "callfs-metadata", storage.Path));
        await Eventually.Until(() => host.GetJsonAsync("/health"), r => r.HasCheck("metadata", "Healthy"), TimeSpan.FromSeconds(10), "the files table is readable");

        await postgres.StopAsync();
        var down = await Eventually.Until(
            () => host.GetJsonAsync("/health"),
            r => r.HasCheck("postgres", "Unhealthy") && r.Check("metadata").Category() == "dependency",
            TimeSpan.FromSeconds(10),
            "metadata is not run while postgres is down");
        Assert.Equal("Unhealthy", down.Check("metadata").GetProperty("status").GetString());
        Assert.Equal("postgres", down.Check("metadata").GetProperty("data").GetProperty("dependency").GetString());
        await Eventually.Until(() => host.MetricAsync("opskit_health_check_suppressed", "check=\"metadata\""), v => v == 1, TimeSpan.FromSeconds(5), "the suppressed gauge is 1");

        await postgres.StartAgainAsync();
        var up = await Eventually.Until(
            () => host.GetJsonAsync("/health"),
            r => r.HasCheck("metadata", "Healthy"),
            TimeSpan.FromSeconds(15),
            "metadata runs again once postgres is back");
        Assert.Equal(HttpStatusCode.OK, up.Status);
        await Eventually.Until(() => host.MetricAsync("opskit_health_check_suppressed", "check=\"metadata\""), v => v == 0, TimeSpan.FromSeconds(5), "the suppressed gauge is 0 again");
    }
}
