using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsKit.Health;
using OpsKit.Testing.Shared;

namespace OpsKit.Npgsql.Tests;

public sealed class PostgresGroupTests
{
    [Fact]
    public async Task A_database_group_fails_when_postgres_stops_while_readiness_follows_its_own_checks_and_both_recover()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = PostgresApp.ConnectionString(server, "opskit-group");

        // PostgreSQL gates start-up and the db group, not readiness: a service that keeps serving from its cache while its
        // database is down, and lets a dashboard or a second load balancer follow the database on /health/db.
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                b.Services.AddOpsHealth()
                    .AddNpgsql(o => (o.EnablePool, o.EnableConnections, o.EnableTransactions, o.EnableReplication) = (false, false, false, false))
                    .AddCheck("cache", _ => Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()));
            },
            PostgresApp.FastPeriods(
                ("OpsKit:Health:Groups:db:Path", "/health/db"),
                ("OpsKit:Health:Groups:db:Tags:0", "db"),
                ("OpsKit:Health:Groups:db:Details", "Never"),
                ("OpsKit:Health:Checks:postgres:Tags:0", "db"),
                ("OpsKit:Health:Checks:postgres:Tags:1", "startup")));
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/db"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the db group passes");
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/ready")).Code);

        await server.StopAsync();
        var group = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health/db"),
            r => r.Code == 503,
            TimeSpan.FromSeconds(8),
            "2 × (period + timeout + 1 s): the group fails");
        Assert.Equal("""{"status":"Unhealthy"}""", group.Text);
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/ready")).Code);
        var details = await app.Client.GetJsonAsync("/health");
        Assert.Equal("Unhealthy", details.Body.GetProperty("groups").GetProperty("db").GetProperty("status").GetString());
        Assert.Equal(["postgres"], details.Body.GetProperty("groups").GetProperty("db").GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain(server.AppPassword, details.Text, StringComparison.Ordinal);

        await server.StartAgainAsync();
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/db"), r => r.Code == 200, TimeSpan.FromSeconds(10), "the group passes again within 10 s of the restart");
    }

    [Fact]
    public async Task A_database_group_and_readiness_both_fail_when_postgres_stops_and_the_checks_stay_in_readiness()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var app = await PostgresApp.StartAsync(
            PostgresApp.ConnectionString(server, "opskit-group-ready"),
            configuration: PostgresApp.FastPeriods(
                ("OpsKit:Health:Groups:db:Path", "/health/db"),
                ("OpsKit:Health:Groups:db:Tags:0", "db"),
                ("OpsKit:Health:Checks:postgres:Tags:0", "db")));
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/db"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the db group passes");

        await server.StopAsync();
        var group = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health/db"),
            r => r.Code == 503 && r.Check("postgres").Category() == "connection_refused",
            TimeSpan.FromSeconds(8),
            "2 × (period + timeout + 1 s): the group fails on the refused connection");

        // Details are Always here: the group's JSON lists its one check, with the redacted error.
        Assert.Equal(["postgres"], group.Body.GetProperty("checks").EnumerateObject().Select(c => c.Name));
        Assert.Equal("connection_refused", group.Check("postgres").Category());
        Assert.DoesNotContain(server.AppPassword, group.Text, StringComparison.Ordinal);
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }
}
