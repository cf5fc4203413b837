using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OpsKit.Npgsql.Tests;

[Collection(SharedPostgresCollection.Name)]
public sealed class PostgresChecksTests(SharedPostgres shared)
{
    [Fact]
    public async Task Healthy_server_reports_every_check_with_its_data_keys()
    {
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(shared.Server, "opskit-healthy"));

        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("postgres", "Healthy") && r.HasCheck("postgres.pool", "Healthy") && r.HasCheck("postgres.connections", "Healthy")
                && r.HasCheck("postgres.transactions", "Healthy") && r.HasCheck("postgres.replication", "Healthy"),
            TimeSpan.FromSeconds(10),
            "every PostgreSQL check is Healthy");

        Assert.Equal(200, response.Code);
        var round = response.Check("postgres").GetProperty("data");
        Assert.True(round.GetProperty("latency_ms").GetDouble() >= 0);
        Assert.StartsWith("15.", round.GetProperty("server_version").GetString(), StringComparison.Ordinal);
        var pool = response.Check("postgres.pool").GetProperty("data");
        Assert.Equal(10, pool.GetProperty("max").GetInt32());
        Assert.True(pool.TryGetProperty("busy", out _) && pool.TryGetProperty("idle", out _) && pool.TryGetProperty("usage", out _));
        var connections = response.Check("postgres.connections").GetProperty("data");
        Assert.Equal(100, connections.GetProperty("max").GetInt32());
        Assert.True(connections.GetProperty("used").GetInt32() >= 1);
        var transactions = response.Check("postgres.transactions").GetProperty("data");
        Assert.Equal(0, transactions.GetProperty("long_running").GetInt32());
        Assert.Equal(0, transactions.GetProperty("idle_in_transaction").GetInt32());
        Assert.False(transactions.TryGetProperty("missing_privilege", out _));
        Assert.False(response.Check("postgres.replication").GetProperty("data").GetProperty("replica").GetBoolean());
    }

    [Fact]
    public async Task Nine_of_ten_busy_connections_make_the_pool_check_degraded_while_readiness_stays_200()
    {
        var name = "opskit-pool-nine";
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(shared.Server, name));
        using var usage = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<double>(
            app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.postgres.pool.utilization");
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 9; i++)
            {
                held.Add(await dataSource.OpenConnectionAsync());
            }

            var response = await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                r => r.HasCheck("postgres.pool", "Degraded") && r.Check("postgres.pool").GetProperty("data").GetProperty("busy").GetInt32() == 9,
                TimeSpan.FromSeconds(6),
                "the pool check sees 9 busy connections");
            var data = response.Check("postgres.pool").GetProperty("data");
            Assert.Equal(10, data.GetProperty("max").GetInt32());
            Assert.Equal(0.9, data.GetProperty("usage").GetDouble());
            Assert.Equal("threshold", response.Check("postgres.pool").Category());
            Assert.Equal(200, (await app.Client.GetJsonAsync("/health/ready")).Code);

            // The gauge shows the pool check's latest run, which may be newer than the response above and may have read
            // the pool while another check held the tenth connection (busy 10): wait for a run that sees the 9 held ones.
            await Eventually.Until(
                () =>
                {
                    usage.RecordObservableInstruments();
                    return usage.LastMeasurement?.Value == 0.9;
                },
                TimeSpan.FromSeconds(6),
                "the pool usage gauge reads 0.9");
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("postgres.pool", "Healthy"),
            TimeSpan.FromSeconds(6),
            "the pool check recovers after release");
    }

    [Fact]
    public async Task Ten_of_ten_busy_connections_are_reported_as_pool_exhausted_and_counted()
    {
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(shared.Server, "opskit-pool-ten", timeoutSeconds: 1));
        using var exhausted = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.postgres.pool.exhausted");
        await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.HasCheck("postgres", "Healthy"), TimeSpan.FromSeconds(6), "the app starts healthy");
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                held.Add(await dataSource.OpenConnectionAsync());
            }

            var response = await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                r => r.Check("postgres").Category() == "pool_exhausted" && r.Check("postgres.pool").Category() == "pool_exhausted",
                TimeSpan.FromSeconds(8),
                "the round trip cannot get a connection");
            Assert.Equal(503, response.Code);
            Assert.Contains("10 of 10 busy", response.Check("postgres").GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(10, response.Check("postgres.pool").GetProperty("data").GetProperty("busy").GetInt32());
            Assert.True(exhausted.GetMeasurementSnapshot().Sum(m => m.Value) >= 1);
            Assert.DoesNotContain("\"exception\"", response.Text, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.HasCheck("postgres", "Healthy") && r.HasCheck("postgres.pool", "Healthy"), TimeSpan.FromSeconds(6), "released connections make it healthy");
    }

    [Fact]
    public async Task Long_running_transaction_is_listed_by_pid_without_query_text_and_clears_when_cancelled()
    {
        await using var app = await PostgresApp.StartAsync(
            PostgresApp.ConnectionString(shared.Server, "opskit-long"),
            o => o.Transactions.LongTransaction = TimeSpan.FromSeconds(2));
        await using var other = await shared.Server.OpenAdminConnectionAsync();
        var pid = other.ProcessID;
        await using var begin = new NpgsqlCommand("BEGIN", other);
        await begin.ExecuteNonQueryAsync();
        await using var sleep = new NpgsqlCommand("SELECT pg_sleep(30) /* secret-query-text */", other);
        var sleeping = sleep.ExecuteNonQueryAsync();
        try
        {
            var response = await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                r => r.HasCheck("postgres.transactions", "Degraded") && r.Code == 200,
                TimeSpan.FromSeconds(8),
                "the long transaction is reported");
            var data = response.Check("postgres.transactions").GetProperty("data");
            Assert.Equal(1, data.GetProperty("long_running").GetInt32());
            var session = Assert.Single(data.GetProperty("sessions").EnumerateArray());
            Assert.Equal(pid, session.GetProperty("pid").GetInt32());
            Assert.Equal("active", session.GetProperty("state").GetString());
            Assert.True(session.GetProperty("age_seconds").GetDouble() >= 2);
            Assert.DoesNotContain("pg_sleep", response.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-query-text", response.Text, StringComparison.Ordinal);
            Assert.Equal(200, response.Code);
        }
        finally
        {
            await shared.Server.ExecuteAdminAsync($"SELECT pg_cancel_backend({pid})");
            await Assert.ThrowsAnyAsync<PostgresException>(() => sleeping);
        }

        await using (var rollback = new NpgsqlCommand("ROLLBACK", other))
        {
            await rollback.ExecuteNonQueryAsync();
        }

        await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.HasCheck("postgres.transactions", "Healthy"), TimeSpan.FromSeconds(6), "the cancelled transaction is gone");
    }

    [Fact]
    public async Task Session_left_idle_in_transaction_is_flagged()
    {
        await using var app = await PostgresApp.StartAsync(
            PostgresApp.ConnectionString(shared.Server, "opskit-idle"),
            o => o.Transactions.IdleInTransaction = TimeSpan.FromSeconds(1));
        await using var other = await shared.Server.OpenAdminConnectionAsync();
        await using (var command = new NpgsqlCommand("BEGIN; SELECT 1;", other))
        {
            await command.ExecuteNonQueryAsync();
        }

        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("postgres.transactions", "Degraded") && r.Code == 200,
            TimeSpan.FromSeconds(8),
            "the idle transaction is reported");
        var data = response.Check("postgres.transactions").GetProperty("data");
        Assert.Equal(1, data.GetProperty("idle_in_transaction").GetInt32());
        var session = Assert.Single(data.GetProperty("sessions").EnumerateArray());
        Assert.Equal(other.ProcessID, session.GetProperty("pid").GetInt32());
        Assert.Equal("idle in transaction", session.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Configuration_section_overrides_a_threshold_by_check_name()
    {
        await using var app = await PostgresApp.StartAsync(
            PostgresApp.ConnectionString(shared.Server, "opskit-config"),
            configuration: PostgresApp.FastPeriods(("OpsKit:Health:Checks:postgres.connections:DegradedAt", "0.001")));

        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("postgres.connections", "Degraded"),
            TimeSpan.FromSeconds(6),
            "the configured threshold applies");
        Assert.Contains("degraded at 0", response.Check("postgres.connections").GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switched_off_checks_are_not_registered()
    {
        await using var app = await PostgresApp.StartAsync(
            PostgresApp.ConnectionString(shared.Server, "opskit-off"),
            o =>
            {
                o.EnableReplication = false;
                o.EnableTransactions = false;
            });

        var response = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.HasCheck("postgres", "Healthy"), TimeSpan.FromSeconds(6), "the app is healthy");
        var checks = response.Body.GetProperty("checks");
        Assert.False(checks.TryGetProperty("postgres.replication", out _));
        Assert.False(checks.TryGetProperty("postgres.transactions", out _));
        Assert.True(checks.TryGetProperty("postgres.pool", out _));
    }

    [Fact]
    public void Defaults_match_the_design()
    {
        var options = new OpsNpgsqlOptions();
        Assert.Equal(TimeSpan.FromMinutes(5), options.Transactions.LongTransaction);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Transactions.IdleInTransaction);
        Assert.Equal(0.8, options.Pool.DegradedAt);
        Assert.Equal(0.8, options.Connections.DegradedAt);
        Assert.Equal("postgres", options.Name);
    }
}
