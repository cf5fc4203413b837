using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpsKit.Health;
using OpsKit.Telemetry.Internal;

namespace OpsKit.Tests.Telemetry;

/// <summary>Every instrument of the health engine, as the OpenTelemetry SDK exports it.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class EngineInstrumentTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string?> Fast = new() { ["OpsKit:Health:Period"] = "00:00:00.200" };

    [Fact]
    public async Task Check_status_is_a_gauge_per_check_with_0_1_2_for_unhealthy_degraded_healthy()
    {
        var metrics = new InMemoryMetrics();
        await using var app = await TelemetryApp.StartAsync(
            h => h.AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy()))
                .AddCheck("slow", _ => Task.FromResult(HealthCheckResult.Degraded("slow")))
                .AddCheck("down", _ => Task.FromResult(HealthCheckResult.Unhealthy("down")), critical: false),
            Fast,
            metrics.AddTo);

        var status = await Eventually.Until(() => metrics.CollectAsync(app, "opskit.health.check.status"), m => m.Point(("check", "ok")) is not null && m.Point(("check", "slow")) is not null && m.Point(("check", "down")) is not null, Wait, "three checks reported");

        Assert.NotNull(status);
        Assert.Equal("OpsKit", status.MeterName);
        Assert.Equal(MetricType.LongGauge, status.MetricType);
        Assert.True(string.IsNullOrEmpty(status.Unit));
        Assert.All(status.MetricPoints, p => Assert.Equal(["check"], p.TagMap().Keys));
        Assert.Equal(2, status.Point(("check", "ok"))?.GetGaugeLastValueLong());
        Assert.Equal(1, status.Point(("check", "slow"))?.GetGaugeLastValueLong());
        Assert.Equal(0, status.Point(("check", "down"))?.GetGaugeLastValueLong());
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task Overall_status_is_an_unlabelled_gauge_following_the_status_rules(bool critical, long expected)
    {
        var metrics = new InMemoryMetrics();
        await using var app = await TelemetryApp.StartAsync(
            h => h.AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy()))
                .AddCheck("down", _ => Task.FromResult(HealthCheckResult.Unhealthy("down")), critical: critical),
            Fast,
            metrics.AddTo);

        var overall = await Eventually.Until(() => metrics.CollectAsync(app, "opskit.health.status"), m => m?.MetricPoints.Count == 1, Wait, "the overall status");

        Assert.NotNull(overall);
        Assert.Equal(MetricType.LongGauge, overall.MetricType);
        var point = Assert.Single(overall.MetricPoints);
        Assert.Empty(point.TagMap());
        Assert.Equal(expected, point.GetGaugeLastValueLong());
    }

    [Fact]
    public async Task Check_duration_is_a_histogram_in_seconds_per_check()
    {
        var metrics = new InMemoryMetrics();
        await using var app = await TelemetryApp.StartAsync(
            h => h.AddCheck("sleepy", async ct =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(60), ct);
                return HealthCheckResult.Healthy();
            }),
            Fast,
            metrics.AddTo);

        var duration = await Eventually.Until(() => metrics.CollectAsync(app, "opskit.health.check.duration"), m => m.Point(("check", "sleepy"))?.GetHistogramCount() >= 2, Wait, "two runs recorded");

        Assert.NotNull(duration);
        Assert.Equal("s", duration.Unit);
        Assert.Equal(MetricType.Histogram, duration.MetricType);
        var point = duration.Point(("check", "sleepy"))!.Value;
        Assert.Equal(["check"], point.TagMap().Keys);
        var mean = point.GetHistogramSum() / point.GetHistogramCount();
        Assert.InRange(mean, 0.055, 2.0);
        var bounds = new List<double>();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            bounds.Add(bucket.ExplicitBound);
        }

        Assert.Equal([.. TelemetryViews.CheckDurationBuckets, double.PositiveInfinity], bounds);
    }

    [Fact]
    public async Task Executions_count_runs_by_check_and_lowercase_status()
    {
        var check = new ControlledCheck();
        var metrics = new InMemoryMetrics();
        await using var app = await TelemetryApp.StartAsync(h => h.AddCheck("flaky", check.RunAsync), Fast, metrics.AddTo);
        await Eventually.Until(() => metrics.CollectAsync(app, "opskit.health.check.executions"), m => m.Point(("check", "flaky"), ("status", "healthy"))?.GetSumLong() >= 1, Wait, "a healthy run counted");

        check.Result = HealthCheckResult.Degraded("slow");
        await Eventually.Until(() => metrics.CollectAsync(app, "opskit.health.check.executions"), m => m.Point(("check", "flaky"), ("status", "degraded"))?.GetSumLong() >= 1, Wait, "a degraded run counted");
        check.Result = HealthCheckResult.Unhealthy("down");
        var executions = await Eventually.Until(() => metrics.CollectAsync(app, "opskit.health.check.executions"), m => m.Point(("check", "flaky"), ("status", "unhealthy"))?.GetSumLong() >= 1, Wait, "an unhealthy run counted");

        Assert.NotNull(executions);
        Assert.Equal(MetricType.LongSum, executions.MetricType);
        Assert.True(string.IsNullOrEmpty(executions.Unit));
        Assert.All(executions.MetricPoints, p => Assert.Equal(["check", "status"], p.TagMap().Keys.Order()));
        Assert.Subset(new HashSet<string?> { "healthy", "degraded", "unhealthy" }, executions.MetricPoints.Select(p => p.TagMap()["status"]).ToHashSet());
        var counted = executions.MetricPoints.Where(p => Equals(p.TagMap()["check"], "flaky")).Sum(p => p.GetSumLong());
        Assert.InRange(counted, 3, check.Runs);
    }

    [Fact]
    public async Task Abandoned_counts_runs_cut_off_at_their_timeout()
    {
        using var hung = new HangingCheck();
        var metrics = new InMemoryMetrics();
        await using var app = await TelemetryApp.StartAsync(
            h => h.AddCheck("hung", hung.AwaitIgnoringToken).AddCheck("fine", _ => Task.FromResult(HealthCheckResult.Healthy())),
            new Dictionary<string, string?>
            {
                ["OpsKit:Health:Period"] = "00:00:00.300",
                ["OpsKit:Health:Timeout"] = "00:00:00.200",
                // A trivial check was cut off at 200 ms once in CI (2 busy cores): give it room, the point is its missing series.
                ["OpsKit:Health:Checks:fine:Timeout"] = "00:00:05",
            },
            metrics.AddTo);

        var abandoned = await Eventually.Until(() => metrics.CollectAsync(app, "opskit.health.check.abandoned"), m => m.Point(("check", "hung"))?.GetSumLong() >= 1, Wait, "the hung run abandoned");

        Assert.NotNull(abandoned);
        Assert.Equal(MetricType.LongSum, abandoned.MetricType);
        // The in-memory exporter listens to every "OpsKit" meter in the test process: assert this host's series.
        Assert.All(abandoned.MetricPoints, p => Assert.Equal(["check"], p.TagMap().Keys));
        Assert.Null(abandoned.Point(("check", "fine")));
    }

    [Fact]
    public async Task Maintenance_is_an_unlabelled_gauge_that_is_1_while_the_flag_file_exists()
    {
        var file = Path.Combine(Path.GetTempPath(), $"opskit-maintenance-{Guid.NewGuid():N}");
        var metrics = new InMemoryMetrics();
        await using var app = await TelemetryApp.StartAsync(_ => { }, new Dictionary<string, string?> { ["OpsKit:Health:MaintenanceFile"] = file }, metrics.AddTo);
        try
        {
            var off = InMemoryMetrics.Collect(app, metrics, "opskit.maintenance");
            Assert.NotNull(off);
            Assert.Equal(MetricType.LongGauge, off.MetricType);
            Assert.Empty(Assert.Single(off.MetricPoints).TagMap());
            Assert.Equal(0, off.Point()?.GetGaugeLastValueLong());

            await File.WriteAllTextAsync(file, "planned");
            await Eventually.Until(() => metrics.CollectAsync(app, "opskit.maintenance"), m => m.Point()?.GetGaugeLastValueLong() == 1, Wait, "maintenance on");
            File.Delete(file);
            await Eventually.Until(() => metrics.CollectAsync(app, "opskit.maintenance"), m => m.Point()?.GetGaugeLastValueLong() == 0, Wait, "maintenance off");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
