using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class PublisherTests
{
    [Fact]
    public async Task A_registered_publisher_receives_the_engine_results_on_its_own_period_with_no_extra_check_execution()
    {
        var db = new ControlledCheck { Result = HealthCheckResult.Degraded("slow") };
        var publisher = new RecordingPublisher();
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth()
                    .AddCheck("db", db.RunAsync)
                    .AddCheck("cache", _ => Task.FromResult(HealthCheckResult.Unhealthy("down")), critical: false);
                b.Services.AddSingleton<IHealthCheckPublisher>(publisher);
                b.Services.Configure<HealthCheckPublisherOptions>(o =>
                {
                    o.Delay = TimeSpan.FromMilliseconds(500);
                    o.Period = TimeSpan.FromSeconds(1);
                });
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:01:00" });
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first results");
        var runsBefore = db.Runs;
        using var executions = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.health.check.executions");
        var publishedBefore = publisher.Reports.Count;

        await Eventually.Until(() => Task.FromResult(publisher.Reports.Count >= publishedBefore + 3), TimeSpan.FromSeconds(10), "three more publishes");

        Assert.Equal(1, runsBefore);
        Assert.Equal(runsBefore, db.Runs);
        Assert.Empty(executions.GetMeasurementSnapshot());
        var report = publisher.Reports.Last();
        Assert.Equal(HealthStatus.Degraded, report.Entries["db"].Status);
        Assert.Equal("slow", report.Entries["db"].Description);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["cache"].Status);
        // OpsKit's status rules: a non-critical Unhealthy check degrades the whole, as /health says.
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal("Degraded", (await app.Client.GetJsonAsync("/health")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthCheckService_answers_from_the_snapshot_and_honours_the_predicate()
    {
        var db = new ControlledCheck();
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth()
                .AddCheck("db", db.RunAsync)
                .AddCheck("deadlock", _ => Task.FromResult(HealthCheckResult.Healthy()), tags: [OpsHealthTags.Live]),
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:01:00" });
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first results");
        var service = app.Services.GetRequiredService<HealthCheckService>();

        var reports = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => service.CheckHealthAsync(r => r.Tags.Contains(OpsHealthTags.Live))));

        Assert.All(reports, r => Assert.Equal(["deadlock"], r.Entries.Keys));
        Assert.Equal(1, db.Runs);
    }

    private sealed class RecordingPublisher : IHealthCheckPublisher
    {
        public ConcurrentQueue<HealthReport> Reports { get; } = new();

        public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
        {
            Reports.Enqueue(report);
            return Task.CompletedTask;
        }
    }
}
