using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpsKit.Health;
using OpsKit.Health.Internal;

namespace OpsKit.Tests.Health;

/// <summary>
/// Readiness: Required | Degrade. An upstream check (<c>upstream</c>, a remote dependency) and a local one (<c>local</c>),
/// run by hand on a clock that never moves.
/// </summary>
public sealed class ReadinessPolicyTests
{
    private static readonly HealthCheckResult Down = HealthCheckResult.Unhealthy("down");

    [Fact]
    public async Task By_default_an_unhealthy_dependency_keeps_readiness_200_degraded_and_names_it()
    {
        var (upstream, local) = (new ControlledCheck(), new ControlledCheck());
        await using var app = await StartAsync(upstream, local);
        var runner = await FirstResultsAsync(app);
        using var status = new MetricCollector<int>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.health.check.status");

        upstream.Result = Down;
        await runner.RunNowAsync("upstream", CancellationToken.None);

        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal(200, ready.Code);
        Assert.Equal("""{"status":"Degraded","reason":"dependency","dependencies":["upstream"]}""", ready.Text);
        var details = await app.Client.GetJsonAsync("/health");
        Assert.Equal((200, "Degraded"), (details.Code, details.Body.GetProperty("status").GetString()));
        var check = details.Body.GetProperty("checks").GetProperty("upstream");
        Assert.Equal(("Unhealthy", true, "Degrade"), (check.GetProperty("status").GetString(), check.GetProperty("critical").GetBoolean(), check.GetProperty("readiness").GetString()));
        Assert.Equal("Required", details.Body.GetProperty("checks").GetProperty("local").GetProperty("readiness").GetString());

        // The check's own gauge, which the opskit_health_check_* alerts read, still says Unhealthy.
        status.RecordObservableInstruments();
        Assert.Contains(status.GetMeasurementSnapshot(), m => Equals(m.Tags["check"], "upstream") && m.Value == 0);
    }

    [Fact]
    public async Task Engine_readiness_Required_makes_an_unhealthy_dependency_fail_readiness()
    {
        var (upstream, local) = (new ControlledCheck(), new ControlledCheck());
        await using var app = await StartAsync(upstream, local, ("OpsKit:Health:Readiness", "Required"));
        var runner = await FirstResultsAsync(app);

        upstream.Result = Down;
        await runner.RunNowAsync("upstream", CancellationToken.None);

        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal((503, """{"status":"Unhealthy"}"""), (ready.Code, ready.Text));
        Assert.Equal(503, (await app.Client.GetJsonAsync("/health")).Code);
    }

    [Theory]
    [InlineData("Degrade", "Required", 503)]
    [InlineData("Required", "Degrade", 200)]
    public async Task A_check_s_own_Readiness_overrides_the_engine_default(string engine, string check, int expected)
    {
        var (upstream, local) = (new ControlledCheck(), new ControlledCheck());
        await using var app = await StartAsync(
            upstream,
            local,
            ("OpsKit:Health:Readiness", engine),
            ("OpsKit:Health:Checks:upstream:Readiness", check));
        var runner = await FirstResultsAsync(app);

        upstream.Result = Down;
        await runner.RunNowAsync("upstream", CancellationToken.None);

        Assert.Equal(expected, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }

    [Fact]
    public async Task A_local_check_takes_readiness_down_whatever_the_engine_default()
    {
        var (upstream, local) = (new ControlledCheck(), new ControlledCheck());
        await using var app = await StartAsync(upstream, local, ("OpsKit:Health:Readiness", "Degrade"));
        var runner = await FirstResultsAsync(app);

        local.Result = Down;
        await runner.RunNowAsync("local", CancellationToken.None);

        Assert.Equal(503, (await app.Client.GetJsonAsync("/health/ready")).Code);
    }

    [Fact]
    public async Task A_local_check_not_run_because_a_degrading_dependency_is_down_only_degrades_readiness()
    {
        var (upstream, local) = (new ControlledCheck(), new ControlledCheck());
        await using var app = await StartAsync(upstream, local, ("OpsKit:Health:Checks:local:DependsOn:0", "upstream"));
        var runner = await FirstResultsAsync(app);

        upstream.Result = Down;
        await runner.RunNowAsync("upstream", CancellationToken.None);
        var suppressed = await runner.RunNowAsync("local", CancellationToken.None);

        Assert.Equal((HealthStatus.Unhealthy, HealthErrorCategories.Dependency), (suppressed!.Status, suppressed.Error?.Category));
        var ready = await app.Client.GetJsonAsync("/health/ready");
        Assert.Equal((200, """{"status":"Degraded","reason":"dependency","dependencies":["upstream"]}"""), (ready.Code, ready.Text));

        upstream.Result = HealthCheckResult.Healthy();
        await runner.RunNowAsync("upstream", CancellationToken.None);
        await runner.RunNowAsync("local", CancellationToken.None);
        Assert.Equal((200, """{"status":"Healthy"}"""), await ReadyAsync(app));
    }

    [Theory]
    [InlineData("OpsKit:Health:Readiness", "Sometimes", "OpsKit:Health:Readiness must be one of Required, Degrade.")]
    [InlineData("OpsKit:Health:Checks:upstream:Readiness", "Optional", "OpsKit:Health:Checks:upstream:Readiness must be one of Required, Degrade.")]
    [InlineData("OpsKit:Health:Checks:local:Readiness", "7", "OpsKit:Health:Checks:local:Readiness must be ")]
    public async Task An_unknown_readiness_value_fails_start_up_naming_the_key(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new ControlledCheck(), new ControlledCheck(), (key, value)));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    private static async Task<(int Code, string Text)> ReadyAsync(TestApp app)
    {
        var ready = await app.Client.GetJsonAsync("/health/ready");
        return (ready.Code, ready.Text);
    }

    private static Task<TestApp> StartAsync(ControlledCheck upstream, ControlledCheck local, params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always" };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
                b.Services.AddSingleton(upstream);
                b.Services.AddOpsHealth()
                    .AddCheck<UpstreamCheck, UpstreamCheckOptions>("upstream", "upstream")
                    .AddCheck("local", local.RunAsync);
            },
            configuration);
    }

    private static async Task<HealthCheckRunner> FirstResultsAsync(TestApp app)
    {
        var runner = app.Services.GetRequiredService<HealthCheckRunner>();
        await Eventually.Until(() => runner.Snapshot.Entries.All(e => e is not null) && runner.InFlight == 0, TimeSpan.FromSeconds(5), "the first results");
        return runner;
    }

    private sealed class UpstreamCheckOptions : OpsHealthCheckOptions
    {
        protected internal override bool IsRemoteDependency => true;
    }

    private sealed class UpstreamCheck : IHealthCheck
    {
        private readonly ControlledCheck _controlled;

        // A typed check is created with its options first; this one needs none of them.
        public UpstreamCheck(UpstreamCheckOptions options, ControlledCheck controlled)
        {
            ArgumentNullException.ThrowIfNull(options);
            _controlled = controlled;
        }

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            _controlled.RunAsync(cancellationToken);
    }
}
