using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using OpsKit.Health;
using OpsKit.Health.Internal;

namespace OpsKit.Tests.Health;

/// <summary>FailureThreshold and SuccessThreshold: consecutive runs before the reported status changes.</summary>
public sealed class FlapDampingTests
{
    [Fact]
    public async Task Status_leaves_healthy_only_after_failure_threshold_failed_runs_in_a_row()
    {
        var check = new ControlledCheck();
        await using var app = await StartAsync(check, ("OpsKit:Health:Checks:db:FailureThreshold", "3"));
        var runner = await FirstResultAsync(app);

        check.Result = HealthCheckResult.Unhealthy("down");
        var first = await runner.RunNowAsync("db", CancellationToken.None);
        var second = await runner.RunNowAsync("db", CancellationToken.None);
        Assert.Equal((HealthStatus.Healthy, 1), (first!.Status, first.ConsecutiveFailures));
        Assert.Equal((HealthStatus.Healthy, 2), (second!.Status, second.ConsecutiveFailures));
        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal(200, ready.Code);
        var details = await app.Client.GetJsonAsync("/health");
        Assert.Equal(2, details.Body.GetProperty("checks").GetProperty("db").GetProperty("consecutive_failures").GetInt32());

        var third = await runner.RunNowAsync("db", CancellationToken.None);
        Assert.Equal((HealthStatus.Unhealthy, 3), (third!.Status, third.ConsecutiveFailures));
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }

    [Fact]
    public async Task A_healthy_run_between_failures_starts_the_count_again()
    {
        var check = new ControlledCheck();
        await using var app = await StartAsync(check, ("OpsKit:Health:FailureThreshold", "2"));
        var runner = await FirstResultAsync(app);

        check.Result = HealthCheckResult.Unhealthy("down");
        await runner.RunNowAsync("db", CancellationToken.None);
        check.Result = HealthCheckResult.Healthy();
        await runner.RunNowAsync("db", CancellationToken.None);
        check.Result = HealthCheckResult.Unhealthy("down");
        var entry = await runner.RunNowAsync("db", CancellationToken.None);

        Assert.Equal((HealthStatus.Healthy, 1), (entry!.Status, entry.ConsecutiveFailures));
    }

    [Fact]
    public async Task Status_returns_to_healthy_only_after_success_threshold_healthy_runs_in_a_row()
    {
        var check = new ControlledCheck();
        await using var app = await StartAsync(check, ("OpsKit:Health:Checks:db:SuccessThreshold", "2"));
        var runner = await FirstResultAsync(app);
        check.Result = HealthCheckResult.Unhealthy("down");
        var failed = await runner.RunNowAsync("db", CancellationToken.None);
        Assert.Equal(HealthStatus.Unhealthy, failed!.Status);

        check.Result = HealthCheckResult.Healthy();
        var first = await runner.RunNowAsync("db", CancellationToken.None);
        Assert.Equal((HealthStatus.Unhealthy, 0), (first!.Status, first.ConsecutiveFailures));
        Assert.Equal(failed.LastChange, first.LastChange);

        var second = await runner.RunNowAsync("db", CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, second!.Status);
    }

    [Fact]
    public async Task By_default_one_failed_run_changes_the_status()
    {
        var check = new ControlledCheck();
        await using var app = await StartAsync(check);
        var runner = await FirstResultAsync(app);

        check.Result = HealthCheckResult.Degraded("slow");
        var degraded = await runner.RunNowAsync("db", CancellationToken.None);
        check.Result = HealthCheckResult.Healthy();
        var healthy = await runner.RunNowAsync("db", CancellationToken.None);

        Assert.Equal((HealthStatus.Degraded, 1), (degraded!.Status, degraded.ConsecutiveFailures));
        Assert.Equal((HealthStatus.Healthy, 0), (healthy!.Status, healthy.ConsecutiveFailures));
    }

    private static Task<TestApp> StartAsync(ControlledCheck check, params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always" };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        // A clock that never moves: after the first run, only the test runs the check.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        return TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton<TimeProvider>(time);
                b.Services.AddOpsHealth().AddCheck("db", check.RunAsync);
            },
            configuration);
    }

    private static async Task<HealthCheckRunner> FirstResultAsync(TestApp app)
    {
        var runner = app.Services.GetRequiredService<HealthCheckRunner>();
        await Eventually.Until(() => runner.Snapshot.Entries[0] is not null && runner.InFlight == 0, TimeSpan.FromSeconds(5), "the first result");
        return runner;
    }
}
