using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsKit.Tests.Telemetry;

namespace OpsKit.Npgsql.Tests;

/// <summary>
/// Npgsql's pool gauge keeps its semantic-convention name for the app's exporters and is renamed in <c>/metrics</c>
/// only, where <c>promtool check metrics</c> would reject a gauge ending in <c>_count</c> (docs/metrics.md).
/// </summary>
[Collection(SharedPostgresCollection.Name)]
public sealed class ConventionNameTests(SharedPostgres postgres)
{
    private const string ApplicationName = "opskit-convention-names";

    [Fact]
    public async Task One_app_exports_the_convention_names_to_its_exporters_and_a_scrape_that_passes_promtool()
    {
        var metrics = new InMemoryMetrics();
        await using var app = await StartAsync(metrics.AddTo);

        var count = await Eventually.Until(
            () => metrics.CollectAsync(app, "db.client.connection.count"),
            m => m is { MetricPoints.Count: > 0 },
            TimeSpan.FromSeconds(15),
            "Npgsql's db.client.connection.count in the exported metrics");
        var exposition = await Eventually.Until(
            () => app.Client.GetStringAsync("/metrics"),
            text => text.Contains("db_client_connections_usage{", StringComparison.Ordinal)
                && text.Contains("opskit_postgres_pool_utilization", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "Npgsql's pool gauge and the pool check's gauge in /metrics");
        var (exitCode, output) = await Promtool.CheckMetricsAsync(exposition);

        // The app's exporters: semantic-convention names, no pool name (it is the connection string here).
        Assert.NotNull(count);
        Assert.Equal("Npgsql", count.MeterName);
        Assert.All(count.MetricPoints, point =>
        {
            var tags = point.TagMap();
            Assert.DoesNotContain("db.client.connection.pool.name", tags.Keys);
            Assert.DoesNotContain(tags.Values, v => v is not null && (v.Contains(ApplicationName, StringComparison.Ordinal) || v.Contains('=', StringComparison.Ordinal)));
        });
        Assert.Null(await metrics.CollectAsync(app, "db.client.connections.usage"));
        foreach (var runtime in new[] { "dotnet.assembly.count", "dotnet.process.cpu.count", "dotnet.timer.count" })
        {
            Assert.True(await metrics.CollectAsync(app, runtime) is not null, runtime + " is exported under its own name");
        }

        // The same app's scrape: lint-clean, with the renamed gauge and no part of the connection string.
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}");
        Assert.DoesNotContain("db_client_connection_count", exposition, StringComparison.Ordinal);
        Assert.DoesNotContain(ApplicationName, exposition, StringComparison.Ordinal);
        Assert.DoesNotContain(postgres.Server.AppPassword, exposition, StringComparison.Ordinal);
    }

    private Task<TestApp> StartAsync(Action<IServiceCollection> services)
    {
        var connectionString = PostgresApp.ConnectionString(postgres.Server, ApplicationName);
        return TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                b.Services.AddOpsHealth().AddNpgsql();
                b.Services.AddOpsTelemetry();
                services(b.Services);
            },
            PostgresApp.FastPeriods(),
            map: a =>
            {
                a.MapOpsHealth();
                a.MapOpsMetrics();
            });
    }
}
