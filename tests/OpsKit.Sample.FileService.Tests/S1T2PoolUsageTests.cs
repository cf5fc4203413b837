using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace OpsKit.Sample.FileService.Tests;

[Collection(SharedServersCollection.Name)]
public sealed class S1T2PoolUsageTests(SharedServers shared, ITestOutputHelper output)
{
    [Fact]
    public async Task S1_T2_nine_of_ten_busy_pool_connections_degrade_the_pool_check_while_readiness_stays_200()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-s1-t2-pool", storage.Path));
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 9; i++)
            {
                held.Add(await dataSource.OpenConnectionAsync());
            }

            var response = await FaultClock.Start("S1-T2", "nine-held", FaultClock.N, output).UntilAsync(
                () => host.GetJsonAsync("/health"),
                r => r.HasCheck("postgres.pool", "Degraded") && r.Check("postgres.pool").GetProperty("data").GetProperty("busy").GetInt32() == 9,
                "the pool check sees 9 of 10 busy");
            var data = response.Check("postgres.pool").GetProperty("data");
            Assert.Equal(10, data.GetProperty("max").GetInt32());
            Assert.Equal(0.9, data.GetProperty("usage").GetDouble());
            Assert.Equal("threshold", response.Check("postgres.pool").Category());
            await Eventually.Until(() => host.GetStatusAsync("/health/ready"), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(6), "Degraded does not fail readiness");
            // Polled: the gauge follows the latest run, and a run that overlaps another check's acquire reads 10 busy.
            await Eventually.Until(() => host.MetricAsync("opskit_postgres_pool_utilization"), v => v == 0.9, TimeSpan.FromSeconds(6), "the pool usage gauge is 0.9");
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        await FaultClock.Start("S1-T2", "released", FaultClock.N, output).UntilAsync(
            () => host.GetJsonAsync("/health"), r => r.HasCheck("postgres.pool", "Healthy"), "the pool check recovers after release");
    }
}

/// <summary>The server variant needs <c>max_connections=20</c>, so a server of its own.</summary>
public sealed class S1T2ServerConnectionsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task S1_T2_server_variant_seventeen_of_twenty_server_connections_degrade_the_connections_check()
    {
        await using var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { MaxConnections = 20 });
        await using var redis = await RedisServer.StartAsync();
        await postgres.GrantReadAllStatsAsync();
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(postgres, redis, "callfs-s1-t2-server", storage.Path, maxPoolSize: 1));
        var outside = new List<NpgsqlConnection>();
        try
        {
            // An outside client holds 16; with the sample's own session, 17 of 20 are in use.
            for (var i = 0; i < 16; i++)
            {
                outside.Add(await postgres.OpenAdminConnectionAsync());
            }

            var held = FaultClock.Start("S1-T2", "server-seventeen-used", FaultClock.N, output);

            // Wait for used == 17, not only Degraded: a run while the loop was still opening sessions already reads
            // 15 + 1 = 16 = 80 %, which is Degraded too.
            var response = await held.UntilAsync(
                () => host.GetJsonAsync("/health"),
                r => r.HasCheck("postgres.connections", "Degraded") && r.Check("postgres.connections").GetProperty("data").GetProperty("used").GetInt32() == 17,
                "server connections at 17 of 20 (85 %) are reported");
            var data = response.Check("postgres.connections").GetProperty("data");
            Assert.Equal(20, data.GetProperty("max").GetInt32());
            Assert.Equal(17, data.GetProperty("used").GetInt32());
            Assert.True(data.GetProperty("usage").GetDouble() >= 0.85);
            Assert.True(await host.MetricAsync("opskit_postgres_connections_utilization") >= 0.85);
        }
        finally
        {
            foreach (var connection in outside)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
