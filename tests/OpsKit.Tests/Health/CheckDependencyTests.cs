using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpsKit.Health;
using OpsKit.Health.Internal;

namespace OpsKit.Tests.Health;

/// <summary>DependsOn: a check is not run while a check it depends on is Unhealthy. Runs are started by hand on a fake clock.</summary>
public sealed class CheckDependencyTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_check_is_not_run_while_its_dependency_is_unhealthy_and_runs_again_after()
    {
        var root = new ControlledCheck();
        var child = new ControlledCheck();
        await using var app = await StartAsync(root.RunAsync, child.RunAsync, ("OpsKit:Health:Checks:child:DependsOn:0", "root"));
        var runner = await FirstResultsAsync(app);

        root.Result = HealthCheckResult.Unhealthy("down");
        await runner.RunNowAsync("root", CancellationToken.None);
        var runsBefore = child.Runs;
        var suppressed = await runner.RunNowAsync("child", CancellationToken.None);

        Assert.Equal(runsBefore, child.Runs);
        Assert.Equal(HealthStatus.Unhealthy, suppressed!.Status);
        var details = await app.Client.GetJsonAsync("/health");
        var entry = details.Body.GetProperty("checks").GetProperty("child");
        Assert.Equal("dependency", entry.GetProperty("error").GetProperty("category").GetString());
        Assert.Equal("root", entry.GetProperty("data").GetProperty("dependency").GetString());

        root.Result = HealthCheckResult.Healthy();
        await runner.RunNowAsync("root", CancellationToken.None);
        var recovered = await runner.RunNowAsync("child", CancellationToken.None);

        Assert.Equal(runsBefore + 1, child.Runs);
        Assert.Equal(HealthStatus.Healthy, recovered!.Status);
    }

    [Fact]
    public async Task A_check_whose_dependency_is_down_spends_no_timeout()
    {
        var root = new ControlledCheck { Result = HealthCheckResult.Unhealthy("down") };
        using var hung = new HangingCheck();
        await using var app = await StartAsync(root.RunAsync, hung.AwaitIgnoringToken, ("OpsKit:Health:Checks:child:DependsOn:0", "root"));

        var entry = await Eventually.Until(
            () => Task.FromResult(app.Services.GetRequiredService<HealthCheckRunner>().Snapshot.Entries[1]),
            e => e is not null,
            TimeSpan.FromSeconds(5),
            "the child's first result");

        Assert.Equal(0, hung.Started);
        Assert.Equal(HealthErrorCategories.Dependency, entry!.Error!.Category);
        Assert.Equal(TimeSpan.Zero, entry.Duration);
    }

    [Fact]
    public async Task A_check_waits_for_its_dependency_s_run_in_progress_and_uses_its_result()
    {
        var root = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var rootRuns = 0;
        var child = new ControlledCheck();
        await using var app = await StartAsync(
            _ => Interlocked.Increment(ref rootRuns) == 1 ? Task.FromResult(HealthCheckResult.Healthy()) : root.Task,
            child.RunAsync,
            ("OpsKit:Health:Checks:child:DependsOn:0", "root"));
        var runner = await FirstResultsAsync(app);
        var runsBefore = child.Runs;

        var rootRun = runner.RunNowAsync("root", CancellationToken.None);
        await Eventually.Until(() => Volatile.Read(ref rootRuns) == 2, TimeSpan.FromSeconds(5), "the root's second run is in progress");
        var childRun = runner.RunNowAsync("child", CancellationToken.None);
        Assert.False(childRun.IsCompleted);

        root.SetResult(HealthCheckResult.Unhealthy("down"));
        var entry = await childRun;
        await rootRun;

        Assert.Equal(runsBefore, child.Runs);
        Assert.Equal(HealthErrorCategories.Dependency, entry!.Error!.Category);
    }

    [Fact]
    public async Task A_check_that_fails_while_its_dependency_s_run_ends_unhealthy_is_blamed_on_the_dependency()
    {
        var root = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var child = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var rootRuns = 0;
        var childRuns = 0;
        await using var app = await StartAsync(
            _ => Interlocked.Increment(ref rootRuns) == 1 ? Task.FromResult(HealthCheckResult.Healthy()) : root.Task,
            _ => Interlocked.Increment(ref childRuns) == 1 ? Task.FromResult(HealthCheckResult.Healthy()) : child.Task,
            ("OpsKit:Health:Checks:child:DependsOn:0", "root"));
        var runner = await FirstResultsAsync(app);

        // The child starts while the root is still Healthy, then the root's next run starts and the server goes away.
        var childRun = runner.RunNowAsync("child", CancellationToken.None);
        await Eventually.Until(() => Volatile.Read(ref childRuns) == 2, TimeSpan.FromSeconds(5), "the child's run is in progress");
        var rootRun = runner.RunNowAsync("root", CancellationToken.None);
        await Eventually.Until(() => Volatile.Read(ref rootRuns) == 2, TimeSpan.FromSeconds(5), "the root's run is in progress");
        child.SetResult(HealthCheckResult.Unhealthy("connection lost"));
        root.SetResult(HealthCheckResult.Unhealthy("down"));
        var entry = await childRun;
        await rootRun;

        Assert.Equal(HealthErrorCategories.Dependency, entry!.Error!.Category);
        Assert.Contains(entry.Data, pair => pair.Key == "dependency" && (string?)pair.Value == "root");
    }

    [Theory]
    [InlineData("OpsKit:Health:Checks:child:DependsOn:0", "nope", "OpsKit:Health:Checks:child:DependsOn: 'nope' is not a registered check.")]
    [InlineData("OpsKit:Health:Checks:child:DependsOn:0", "child", "OpsKit:Health:Checks:child:DependsOn: check 'child' cannot depend on itself.")]
    [InlineData("OpsKit:Health:Checks:child:FailureThreshold", "0", "OpsKit:Health:Checks:child:FailureThreshold must be at least 1.")]
    [InlineData("OpsKit:Health:Checks:child:SuccessThreshold", "0", "OpsKit:Health:Checks:child:SuccessThreshold must be at least 1.")]
    [InlineData("OpsKit:Health:FailureThreshold", "0", "OpsKit:Health:FailureThreshold must be at least 1.")]
    [InlineData("OpsKit:Health:SuccessThreshold", "-1", "OpsKit:Health:SuccessThreshold must be at least 1.")]
    public async Task Bad_dependencies_and_thresholds_fail_start_up_naming_the_key(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(Healthy, Healthy, (key, value)));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dependency_cycle_fails_start_up_naming_the_checks_in_it()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            Healthy,
            Healthy,
            ("OpsKit:Health:Checks:root:DependsOn:0", "child"),
            ("OpsKit:Health:Checks:child:DependsOn:0", "root")));

        Assert.Contains(error.Failures, f => f.StartsWith("OpsKit:Health:Checks:root:DependsOn: the dependencies form a cycle (root -> child -> root)", StringComparison.Ordinal));
    }

    private static Task<HealthCheckResult> Healthy(CancellationToken cancellationToken) => Task.FromResult(HealthCheckResult.Healthy());

    /// <summary>Checks <c>root</c> and <c>child</c> on a clock that never moves: after their first runs, only the test runs them.</summary>
    private static Task<TestApp> StartAsync(
        Func<CancellationToken, Task<HealthCheckResult>> root,
        Func<CancellationToken, Task<HealthCheckResult>> child,
        params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always" };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
                b.Services.AddOpsHealth().AddCheck("root", root).AddCheck("child", child);
            },
            configuration);
    }

    private static async Task<HealthCheckRunner> FirstResultsAsync(TestApp app)
    {
        var runner = app.Services.GetRequiredService<HealthCheckRunner>();
        await Eventually.Until(() => runner.Snapshot.Entries.All(e => e is not null) && runner.InFlight == 0, TimeSpan.FromSeconds(5), "the first results");
        return runner;
    }
}
