using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Trace;
using OpsKit.Telemetry;
using OpsKit.Tests.Telemetry;

namespace OpsKit.Npgsql.Tests;

[Collection(SharedPostgresCollection.Name)]
public sealed class PostgresCheckSpanTests(SharedPostgres postgres)
{
    [Fact]
    public async Task Npgsql_command_span_of_a_postgres_check_run_is_a_child_of_the_runs_root_span()
    {
        var spans = new InMemorySpans();
        var connectionString = PostgresApp.ConnectionString(postgres.Server, "opskit-check-spans");
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                b.Services.AddOpsHealth().AddNpgsql(o => o.Name = "pg-traced");
                b.Services.AddOpenTelemetry().WithTracing(t => t
                    .AddSource(OpsKitTelemetry.ActivitySourceName, "Npgsql")
                    .AddInMemoryExporter(spans));
            },
            PostgresApp.FastPeriods());

        var (run, command) = await Eventually.Until(
            () => Task.FromResult(RunWithCommand(spans.Snapshot())),
            pair => pair.Command is not null,
            TimeSpan.FromSeconds(15),
            "a postgres check run with its Npgsql command span");

        Assert.Equal(default, run!.ParentSpanId);
        Assert.Equal("healthy", run.GetTagItem("opskit.check.status"));
        Assert.Equal("Npgsql", command!.Source.Name);
        Assert.Equal(ActivityKind.Client, command.Kind);
    }

    private static (Activity? Run, Activity? Command) RunWithCommand(Activity[] spans)
    {
        foreach (var run in spans.Where(s => s.DisplayName == "health.check pg-traced"))
        {
            var command = spans.FirstOrDefault(s => s.Source.Name == "Npgsql" && s.TraceId == run.TraceId && s.ParentSpanId == run.SpanId);
            if (command is not null)
            {
                return (run, command);
            }
        }

        return (null, null);
    }
}
