using System.Net;

namespace OpsKit.Sample.FileService.Tests;

/// <summary>S1-T1 stops PostgreSQL, so it has servers of its own.</summary>
public sealed class S1T1PostgresConnectionRefusedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task S1_T1_stopped_postgres_fails_readiness_keeps_liveness_hides_the_password_and_recovers()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        await postgres.GrantReadAllStatsAsync();
        using var storage = new StorageDirectory();
        const string name = "callfs-s1-t1";
        await using var host = await FileService.StartAsync(FileService.Settings(postgres, redis, name, storage.Path));
        await Eventually.Until(() => host.GetJsonAsync("/health/ready"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the sample starts ready");
        var maxSessions = await FileService.SessionsOfAsync(postgres, name);
        await postgres.StopAsync();
        var response = await FaultClock.Start("S1-T1", "postgres-stopped", FaultClock.N, output).UntilAsync(
            () => host.GetJsonAsync("/health"),
            r => r.HasCheck("postgres", "Unhealthy") && r.Check("postgres").Category() == "connection_refused",
            "postgres is Unhealthy connection_refused");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal("Unhealthy", response.Json.GetProperty("status").GetString());
        Assert.Contains("NpgsqlException", response.Check("postgres").Message(), StringComparison.Ordinal);
        Assert.DoesNotContain(postgres.AppPassword, response.Json.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.GetStatusAsync("/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/live"));
        Assert.Equal(0, await host.MetricAsync("opskit_health_check_status", "check=\"postgres\""));
        await postgres.StartAgainAsync();
        await FaultClock.Start("S1-T1", "postgres-restarted", TimeSpan.FromSeconds(10), output).UntilAsync(
            async () =>
            {
                maxSessions = Math.Max(maxSessions, await FileService.SessionsOfAsync(postgres, name));
                return await host.GetStatusAsync("/health/ready") == HttpStatusCode.OK;
            },
            "readiness is 200 again");
        for (var i = 0; i < 3; i++)
        {
            await host.GetJsonAsync("/health");
            maxSessions = Math.Max(maxSessions, await FileService.SessionsOfAsync(postgres, name));
        }

        // Maximum Pool Size=10: the checks and the metadata writer share the app's one pool.
        Assert.InRange(maxSessions, 1, 10);
    }
}
