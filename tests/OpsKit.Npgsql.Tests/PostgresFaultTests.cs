using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Npgsql;
using OpsKit.Testing.Shared;

namespace OpsKit.Npgsql.Tests;

public sealed class PostgresStopTests
{
    [Fact]
    public async Task Stopped_server_fails_readiness_keeps_liveness_hides_the_password_and_recovers_after_restart()
    {
        await using var server = await PostgresServer.StartAsync();
        const string name = "opskit-stop";
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(server, name));
        using var status = new MetricCollector<int>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.health.check.status");
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the app starts ready");
        var maxSessions = await PostgresApp.SessionsOfAsync(server, name);

        await server.StopAsync();
        // S1-T1 says within N = period + timeout + 1 s = 4 s; twice that here. The first run after the stop may still
        // take a pooled connection the server has just closed (not yet connection_refused), so the refusal can need
        // two periods, and on a loaded 2-core machine the scheduler's timers and the probes themselves run late.
        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("postgres", "Unhealthy") && r.Check("postgres").Category() == "connection_refused",
            TimeSpan.FromSeconds(8),
            "2 × (period + timeout + 1 s): the refused connection is reported");
        Assert.Equal(503, response.Code);
        Assert.Equal("Unhealthy", response.Body.GetProperty("status").GetString());
        Assert.Contains("NpgsqlException", response.Check("postgres").GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.AppPassword, response.Text, StringComparison.Ordinal);
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/live")).Code);
        status.RecordObservableInstruments();
        Assert.Contains(status.GetMeasurementSnapshot(), m => Equals(m.Tags["check"], "postgres") && m.Value == 0);

        await server.StartAgainAsync();
        await Eventually.Until(
            async () =>
            {
                maxSessions = Math.Max(maxSessions, await PostgresApp.SessionsOfAsync(server, name));
                return (await app.Client.GetJsonAsync("/health/ready")).Code == 200;
            },
            TimeSpan.FromSeconds(10),
            "readiness is 200 again within 10 s of the restart");
        for (var i = 0; i < 3; i++)
        {
            maxSessions = Math.Max(maxSessions, await PostgresApp.SessionsOfAsync(server, name));
            await app.Client.GetJsonAsync("/health");
        }

        Assert.InRange(maxSessions, 1, 10);
    }
}

[Collection(LatencySensitiveCollection.Name)]
public sealed class PostgresFreezeTests
{
    [Fact]
    public async Task Frozen_server_is_a_timeout_with_fast_probes_and_bounded_connections_and_recovers_when_thawed()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(server, "opskit-freeze"));
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the app starts ready");
        var runs = app.Services.GetRequiredService<InFlightChecks>();
        using var abandoned = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.health.check.abandoned");

        await server.FreezeAsync();
        try
        {
            var response = await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                r => r.Check("postgres").Category() == "timeout",
                TimeSpan.FromSeconds(6),
                "the frozen server is a timeout");
            Assert.Equal(503, response.Code);

            // 20 periods: probes answer from the snapshot, and neither runs nor connections pile up.
            var maxConnections = 0;
            var maxInFlight = 0;
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                var probe = Stopwatch.StartNew();
                var ready = await app.Client.GetJsonAsync("/health/ready");
                Assert.True(probe.Elapsed < TimeSpan.FromSeconds(1), $"readiness took {probe.Elapsed.TotalMilliseconds} ms");
                Assert.Equal(503, ready.Code);
                maxConnections = Math.Max(maxConnections, TcpConnectionsTo(server.Port));
                maxInFlight = Math.Max(maxInFlight, runs.Current);
                await Eventually.Until(() => probe.Elapsed >= TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), "half a second passes");
            }

            // Five checks, at most one run each, each holding at most its connection plus a cancel request.
            Assert.InRange(maxInFlight, 0, 5);
            Assert.InRange(maxConnections, 0, 10);

            // Each check reports the timeout itself at the end of its budget: the engine abandons none of them.
            Assert.Empty(abandoned.GetMeasurementSnapshot());
        }
        finally
        {
            await server.ThawAsync();
        }

        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(10), "the thawed server is healthy again");
    }

    /// <summary>Established client sockets of this machine to the server's port (/proc/net/tcp, IPv4 loopback).</summary>
    private static int TcpConnectionsTo(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f[2].EndsWith(":" + hexPort, StringComparison.Ordinal) && f[3] == "01");
    }
}

public sealed class PostgresPrivilegeTests
{
    [Fact]
    public async Task Role_without_pg_read_all_stats_is_reported_as_missing_privilege_not_healthy()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(server, "opskit-privilege"));

        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            // Degraded, not Unhealthy: once every check has reported, /health answers 200.
            r => r.HasCheck("postgres.transactions", "Degraded") && r.Code == 200,
            TimeSpan.FromSeconds(10),
            "the missing privilege is reported and every check has a result");
        var check = response.Check("postgres.transactions");
        Assert.Equal("permission", check.Category());
        Assert.True(check.GetProperty("data").GetProperty("missing_privilege").GetBoolean());
        Assert.Contains("pg_read_all_stats", check.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, response.Code);
    }
}

public sealed class PostgresServerConnectionsTests
{
    [Fact]
    public async Task Seventeen_of_twenty_server_connections_make_the_connections_check_degraded()
    {
        await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { MaxConnections = 20 });
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(server, "opskit-server-conns", maxPoolSize: 1));
        using var usage = new MetricCollector<double>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.postgres.connections.utilization");
        var outside = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 16; i++)
            {
                outside.Add(await server.OpenAdminConnectionAsync());
            }

            var response = await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                // The background snapshot may have run while the loop above was still opening connections (15 + the
                // app's = 16 is already 80 %), so wait for the snapshot that sees all of them.
                r => r.HasCheck("postgres.connections", "Degraded")
                    && r.Check("postgres.connections").GetProperty("data").GetProperty("used").GetInt32() == 17,
                TimeSpan.FromSeconds(6),
                "server connections above 80 % are reported");
            var data = response.Check("postgres.connections").GetProperty("data");
            Assert.Equal(20, data.GetProperty("max").GetInt32());
            Assert.Equal(17, data.GetProperty("used").GetInt32());
            Assert.True(data.GetProperty("usage").GetDouble() >= 0.85);
            usage.RecordObservableInstruments();
            var gauge = Assert.Single(usage.GetMeasurementSnapshot());
            Assert.Equal("opskit_app", gauge.Tags["database"]);
            Assert.True(gauge.Value >= 0.85);
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
