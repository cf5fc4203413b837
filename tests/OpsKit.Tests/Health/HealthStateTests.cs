using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class HealthStateTests
{
    private static readonly Dictionary<string, string?> Config = new()
    {
        ["OpsKit:Health:Period"] = "00:00:00.200",
    };

    [Fact]
    public async Task The_state_reports_each_probe_and_each_check_as_the_endpoints_do()
    {
        var db = new ControlledCheck { Result = HealthCheckResult.Unhealthy("down") };
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth()
                .AddCheck("db", db.RunAsync, critical: false)
                .AddCheck("deadlock", _ => Task.FromResult(HealthCheckResult.Healthy()), tags: ["live"]),
            Config);
        var state = app.Services.GetRequiredService<IOpsHealthState>();

        await Eventually.Until(() => Task.FromResult(state.Current.Ready.Reason is null), TimeSpan.FromSeconds(5), "the first snapshot");
        var report = state.Current;
        Assert.Equal(HealthStatus.Degraded, report.Ready.Status);
        Assert.True(report.Ready.IsPassing);
        Assert.Equal(HealthStatus.Healthy, report.Live.Status);
        var entry = Assert.Single(report.Entries, e => e.Name == "db");
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.False(entry.Critical);
        Assert.Equal(["ready"], entry.Tags);
        Assert.Equal(HealthErrorCategories.Threshold, entry.ErrorCategory);
        Assert.NotNull(entry.LastRun);
        Assert.Equal("Degraded", (await app.Client.GetJsonAsync("/health/ready")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_change_token_fires_when_a_check_changes_status_and_not_on_a_run_with_the_same_status()
    {
        var db = new ControlledCheck();
        await using var app = await TestApp.StartAsync(b => b.Services.AddOpsHealth().AddCheck("db", db.RunAsync), Config);
        var state = app.Services.GetRequiredService<IOpsHealthState>();
        await Eventually.Until(() => Task.FromResult(state.Current.Ready.IsPassing), TimeSpan.FromSeconds(5), "ready");

        var token = state.GetChangeToken();
        var runs = db.Runs;
        await Eventually.Until(() => Task.FromResult(db.Runs >= runs + 2), TimeSpan.FromSeconds(5), "two more healthy runs");
        Assert.False(token.HasChanged);

        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.RegisterChangeCallback(_ => changed.TrySetResult(), null);
        db.Result = HealthCheckResult.Unhealthy("down");
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(state.Current.Ready.IsPassing);
        Assert.Equal(HealthStatus.Unhealthy, state.Current.Entries[0].Status);
    }

    [Fact]
    public async Task Refusing_traffic_from_code_fails_readiness_with_the_reason_in_the_body_the_gauge_and_the_log()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())), Config);
        var availability = app.Services.GetRequiredService<IOpsAvailability>();
        var state = app.Services.GetRequiredService<IOpsHealthState>();
        using var gauge = new MetricCollector<int>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.health.traffic.refused");
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "ready");
        var token = state.GetChangeToken();

        availability.RefuseTraffic("draining");

        Assert.True(token.HasChanged);
        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal(503, ready.Code);
        Assert.Equal("draining", ready.Body.GetProperty("reason").GetString());
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/live")).Code);
        Assert.Equal("draining", state.Current.Ready.Reason);
        Assert.Equal("draining", availability.RefusalReason);
        gauge.RecordObservableInstruments();
        Assert.Equal(1, gauge.LastMeasurement?.Value);
        Assert.Equal("draining", gauge.LastMeasurement?.Tags["reason"]);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.Contains("Traffic refused from code (draining)", StringComparison.Ordinal));

        availability.AcceptTraffic();

        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/ready")).Code);
        Assert.True(state.Current.Ready.IsPassing);
        gauge.RecordObservableInstruments();
        Assert.Equal(0, gauge.LastMeasurement?.Value);
    }

    [Fact]
    public async Task A_refusal_with_an_expiry_ends_by_itself_and_says_so()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())), Config);
        var availability = app.Services.GetRequiredService<IOpsAvailability>();
        var state = app.Services.GetRequiredService<IOpsHealthState>();
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "ready");

        availability.RefuseTraffic("warming-cache", TimeSpan.FromMilliseconds(500));
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = state.GetChangeToken().RegisterChangeCallback(_ => changed.TrySetResult(), null);

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/ready")).Code);
        Assert.Null(availability.RefusalReason);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Message.Contains("warming-cache ended: expired", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("password=hunter2;")]
    public async Task A_reason_that_is_not_a_short_word_is_rejected(string reason)
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy())), Config);
        var availability = app.Services.GetRequiredService<IOpsAvailability>();

        Assert.ThrowsAny<ArgumentException>(() => availability.RefuseTraffic(reason));
        Assert.Null(availability.RefusalReason);
    }
}
