using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using OpsKit.Health;
using OpsKit.Health.Internal;

namespace OpsKit.Tests.Health;

/// <summary>Period, jitter and timeout arithmetic on a fake clock.</summary>
public sealed class SchedulingTests
{
    [Fact]
    public async Task Each_check_runs_once_per_jittered_period()
    {
        var time = new TimerRecordingTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var period = (Min: TimeSpan.FromSeconds(10), Max: TimeSpan.FromSeconds(11));
        var check = new ControlledCheck();
        await using var app = await TestApp.StartAsync(b =>
        {
            b.Services.AddSingleton<TimeProvider>(time);
            b.Services.AddOpsHealth().AddCheck("db", check.RunAsync);
        });

        await Eventually.Until(() => check.Runs == 1, TimeSpan.FromSeconds(5), "the first run starts at once");
        await Eventually.Until(() => time.TimersDueWithin(period.Min, period.Max) == 1, TimeSpan.FromSeconds(5), "the next period is armed");

        // Within the period (10 s) nothing runs again; jitter adds at most 10 %.
        time.Advance(TimeSpan.FromSeconds(9.9));
        await Eventually.Until(() => app.Services.GetRequiredService<HealthCheckRunner>().InFlight == 0, TimeSpan.FromSeconds(5), "no run is in flight");
        Assert.Equal(1, check.Runs);

        time.Advance(TimeSpan.FromSeconds(1.2));
        await Eventually.Until(() => check.Runs == 2, TimeSpan.FromSeconds(5), "the second run after one jittered period");
        await Eventually.Until(() => time.TimersDueWithin(period.Min, period.Max) == 2, TimeSpan.FromSeconds(5), "the period after it is armed");

        time.Advance(TimeSpan.FromSeconds(11.1));
        await Eventually.Until(() => check.Runs == 3, TimeSpan.FromSeconds(5), "the third run");
    }

    [Fact]
    public async Task Timeout_is_measured_on_the_engine_clock()
    {
        var time = new TimerRecordingTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var hung = new HangingCheck();
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton<TimeProvider>(time);
                b.Services.AddOpsHealth().AddCheck("hung", hung.AwaitIgnoringToken);
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always" });
        await Eventually.Until(() => hung.Started == 1, TimeSpan.FromSeconds(5), "the run starts");
        await Eventually.Until(() => time.TimersDueWithin(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)) == 1, TimeSpan.FromSeconds(5), "the run's 5 s timeout is armed");

        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
        time.Advance(TimeSpan.FromSeconds(5));
        var details = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.Text.Contains("\"timeout\"", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the timeout is recorded");
        Assert.Equal(5000, details.Body.GetProperty("checks").GetProperty("hung").GetProperty("durationMs").GetDouble());
    }

    [Fact]
    public async Task Stale_results_trigger_one_shared_refresh()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var gate = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        await using var app = await TestApp.StartAsync(b =>
        {
            b.Services.AddSingleton<TimeProvider>(time);
            b.Services.AddOpsHealth().AddCheck("db", _ => Interlocked.Increment(ref runs) == 1 ? Task.FromResult(HealthCheckResult.Healthy()) : gate.Task);
        });
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");

        // Simulate a stalled scheduler: results older than 2 × period make probes start one refresh, shared by all.
        var runner = app.Services.GetRequiredService<HealthCheckRunner>();
        var handlers = app.Services.GetRequiredService<HealthEndpointHandlers>();
        time.AdjustTime(time.GetUtcNow() + TimeSpan.FromSeconds(25));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(200, handlers.ReadyResponse().Code);
        }

        await Eventually.Until(() => Volatile.Read(ref runs) == 2, TimeSpan.FromSeconds(5), "one refresh starts");
        Assert.Equal(1, runner.InFlight);
        gate.SetResult(HealthCheckResult.Healthy());
        await Eventually.Until(() => runner.InFlight == 0, TimeSpan.FromSeconds(5), "the refresh ends");
        Assert.Equal(2, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task Maintenance_file_is_seen_one_second_of_engine_time_after_it_appears_and_not_before()
    {
        var time = new TimerRecordingTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var dir = Directory.CreateTempSubdirectory("opskit-maint-clock-");
        var flag = Path.Combine(dir.FullName, "maintenance_mode");
        try
        {
            await using var app = await TestApp.StartAsync(
                b =>
                {
                    b.Services.AddSingleton<TimeProvider>(time);
                    b.Services.AddOpsHealth().AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy()));
                },
                new Dictionary<string, string?> { ["OpsKit:Health:MaintenanceFile"] = flag });
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "ready");

            // S3-T6's 2 s holds on any machine only if the file is polled every second of the engine's clock.
            await File.WriteAllTextAsync(flag, "maintenance");
            time.Advance(TimeSpan.FromMilliseconds(999));
            Assert.Equal(200, (await app.Client.GetJsonAsync("/health/ready")).Code);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 503, TimeSpan.FromSeconds(5), "the poll one second later sees the file");

            File.Delete(flag);
            time.Advance(TimeSpan.FromSeconds(1));
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the next poll sees it gone");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
