using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Testing.Shared;

namespace OpsKit.Npgsql.Tests;

/// <summary>A stopped PostgreSQL under the default readiness (Degrade) and under <c>Readiness: Required</c>.</summary>
public sealed class ReadinessDefaultTests
{
    private const string DegradedByPostgres = """{"status":"Degraded","reason":"dependency","dependencies":["postgres"]}""";

    [Fact]
    public async Task By_default_a_stopped_postgres_keeps_readiness_200_degraded_naming_it_while_its_check_stays_unhealthy()
    {
        await using var server = await PostgresServer.StartAsync();
        var configuration = PostgresApp.FastPeriods();
        configuration.Remove("OpsKit:Health:Readiness");
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(server, "opskit-degrade"), configuration: configuration);
        using var status = new MetricCollector<int>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.health.check.status");
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the app starts ready");

        await server.StopAsync();
        var ready = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health/ready"),
            r => r.Text == DegradedByPostgres,
            TimeSpan.FromSeconds(8),
            "readiness names the stopped server");
        Assert.Equal(200, ready.Code);
        // postgres.connections is skipped from its next run on (within a period), not at the moment postgres fails.
        var details = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Check("postgres.connections").Category() == "dependency",
            TimeSpan.FromSeconds(4),
            "postgres.connections is not run while postgres is down");
        Assert.Equal(("Unhealthy", "Degrade"), (details.Check("postgres").GetProperty("status").GetString(), details.Check("postgres").GetProperty("readiness").GetString()));
        status.RecordObservableInstruments();
        Assert.Contains(status.GetMeasurementSnapshot(), m => Equals(m.Tags["check"], "postgres") && m.Value == 0);

        await server.StartAgainAsync();
        await Eventually.Until(
            () => app.Client.GetJsonAsync("/health/ready"),
            r => r.Code == 200 && !r.Text.Contains("reason", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "readiness no longer names a failed dependency after the restart");
    }

    [Fact]
    public async Task With_Readiness_Required_a_stopped_postgres_fails_readiness()
    {
        await using var server = await PostgresServer.StartAsync();
        var configuration = PostgresApp.FastPeriods(("OpsKit:Health:Checks:postgres:Readiness", "Required"));
        configuration.Remove("OpsKit:Health:Readiness");
        await using var app = await PostgresApp.StartAsync(PostgresApp.ConnectionString(server, "opskit-required"), configuration: configuration);
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the app starts ready");

        await server.StopAsync();
        var ready = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health/ready"),
            r => r.Code == 503,
            TimeSpan.FromSeconds(8),
            "readiness fails on the stopped server");
        Assert.Equal("""{"status":"Unhealthy"}""", ready.Text);
        Assert.Equal("Required", (await app.Client.GetJsonAsync("/health")).Check("postgres").GetProperty("readiness").GetString());
    }
}
