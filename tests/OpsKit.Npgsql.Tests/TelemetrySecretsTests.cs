using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace OpsKit.Npgsql.Tests;

[Collection(SharedPostgresCollection.Name)]
public sealed class TelemetrySecretsTests(SharedPostgres postgres)
{
    /// <summary><c>AddOpsTelemetry()</c> reads the OTLP switch from the process environment; one test flips it at a time.</summary>
    private static readonly SemaphoreSlim OtlpSwitch = new(1, 1);

    [Fact]
    public async Task Neither_metrics_nor_the_otlp_stream_carry_any_part_of_the_connection_string()
    {
        var server = postgres.Server;
        await server.ExecuteAdminAsync(
            $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RedactionCorpus.UserName}') THEN " +
            $"CREATE ROLE {RedactionCorpus.UserName} LOGIN PASSWORD '{RedactionCorpus.Password}'; END IF; END $$");
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = server.Host,
            Port = server.Port,
            Database = server.AppDatabase,
            Username = RedactionCorpus.UserName,
            Password = RedactionCorpus.Password,
            SslPassword = RedactionCorpus.SslPassword,
            SslMode = SslMode.Disable,
        }.ConnectionString;

        await using var receiver = await OtlpReceiver.StartAsync();
        var configuration = PostgresApp.FastPeriods(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint.ToString()),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "500"),
            ("OTEL_BSP_SCHEDULE_DELAY", "200"),
            ("ConnectionStrings:postgres", connectionString));
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                b.Services.AddOpsHealth().AddNpgsql();
                AddOpsTelemetryWithOtlp(b, receiver.Endpoint);
            },
            configuration,
            map: a =>
            {
                a.MapOpsHealth();
                a.MapOpsMetrics();
            });

        // Npgsql's own instruments and spans, and the check runs' spans, are exported (the check's SELECT 1 records an
        // operation and opens the pool)...
        var metrics = await Eventually.Until(
            () => app.Client.GetStringAsync("/metrics"),
            text => text.Contains("db_client_operation_duration_seconds_bucket", StringComparison.Ordinal)
                && text.Contains("db_client_connections_usage", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "Npgsql's metrics in /metrics");
        await Eventually.Until(
            () => Task.FromResult(receiver.Bodies("metrics")),
            bodies => bodies.Any(b => b.Contains("db.client.operation.duration", StringComparison.Ordinal)
                && b.Contains("db.client.connection.max", StringComparison.Ordinal)
                && b.Contains("db.client.connection.count", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "Npgsql's metrics in the OTLP stream");

        // OTLP carries the semantic-convention names; only /metrics renames the pool gauge (docs/metrics.md).
        Assert.DoesNotContain(receiver.Bodies("metrics"), b => b.Contains("db.client.connections.usage", StringComparison.Ordinal));
        Assert.Contains("db_client_connections_usage", metrics, StringComparison.Ordinal);
        await Eventually.Until(
            () => Task.FromResult(receiver.Bodies("traces")),
            bodies => bodies.Any(b => b.Contains("postgresql", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "Npgsql's spans in the OTLP stream");
        await Eventually.Until(
            () => Task.FromResult(receiver.Bodies("traces")),
            bodies => bodies.Any(b => b.Contains("health.check postgres", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "the postgres check's run spans in the OTLP stream");

        // ...and none of them carries the user name, a password or a connection-string key.
        RedactionCorpus.AssertAbsent(metrics, "/metrics");
        foreach (var signal in new[] { "metrics", "traces", "logs" })
        {
            foreach (var body in receiver.Bodies(signal))
            {
                RedactionCorpus.AssertAbsent(body, "an OTLP " + signal + " export");
            }
        }
    }

    private static void AddOpsTelemetryWithOtlp(WebApplicationBuilder builder, Uri endpoint)
    {
        OtlpSwitch.Wait();
        var previous = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        try
        {
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint.ToString());
            builder.Services.AddOpsTelemetry();
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", previous);
            OtlpSwitch.Release();
        }
    }
}
