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
    public async Task Exporters_of_the_app_provider_get_db_client_connection_count_without_the_pool_name()
    {
        var metrics = new InMemoryMetrics();
        await using var app = await StartAsync(metrics.AddTo);

        var count = await Eventually.Until(
            () => metrics.CollectAsync(app, "db.client.connection.count"),
            m => m is { MetricPoints.Count: > 0 },
            TimeSpan.FromSeconds(15),
            "Npgsql's db.client.connection.count in the exported metrics");

        Assert.NotNull(count);
        Assert.Equal("Npgsql", count.MeterName);
        Assert.All(count.MetricPoints, point =>
        {
            var tags = point.TagMap();
            Assert.DoesNotContain("db.client.connection.pool.name", tags.Keys);
            Assert.DoesNotContain(tags.Values, v => v is not null && (v.Contains(ApplicationName, StringComparison.Ordinal) || v.Contains('=', StringComparison.Ordinal)));
        });
        Assert.Null(await metrics.CollectAsync(app, "db.client.connections.usage"));
    }

    [Fact]
    public async Task The_scrape_with_npgsql_instruments_passes_promtool_check_metrics()
    {
        await using var app = await StartAsync(_ => { });

        var exposition = await Eventually.Until(
            () => app.Client.GetStringAsync("/metrics"),
            text => text.Contains("db_client_connections_usage{", StringComparison.Ordinal)
                && text.Contains("opskit_postgres_pool_utilization", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "Npgsql's pool gauge and the pool check's gauge in /metrics");
        var (exitCode, output) = await Promtool.CheckMetricsAsync(exposition);

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
