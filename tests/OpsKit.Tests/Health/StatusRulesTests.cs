using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class StatusRulesTests
{
    private static readonly Dictionary<string, string?> Config = new()
    {
        ["OpsKit:Health:Period"] = "00:00:00.200",
        ["OpsKit:Health:Details"] = "Always",
    };

    [Theory]
    [InlineData(HealthStatus.Healthy, HealthStatus.Healthy, true, 200, "Healthy")]
    [InlineData(HealthStatus.Degraded, HealthStatus.Healthy, true, 200, "Degraded")]
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Healthy, true, 503, "Unhealthy")]
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Healthy, false, 200, "Degraded")]
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Degraded, false, 200, "Degraded")]
    public async Task Readiness_follows_the_status_rules(
        HealthStatus first, HealthStatus second, bool firstIsCritical, int expectedCode, string expectedStatus)
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth()
                .AddCheck("first", _ => Task.FromResult(new HealthCheckResult(first, "first")), critical: firstIsCritical)
                .AddCheck("second", _ => Task.FromResult(new HealthCheckResult(second, "second"))),
            Config);

        var ready = await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => !r.Text.Contains("starting", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the first snapshot");
        Assert.Equal(expectedCode, ready.Code);
        Assert.Equal(expectedStatus, ready.Body.GetProperty("status").GetString());

        // A check keeps its own status: criticality changes the overall verdict only.
        var details = await app.Client.GetJsonAsync("/health");
        Assert.Equal(first.ToString(), details.Body.GetProperty("checks").GetProperty("first").GetProperty("status").GetString());
        Assert.Equal(firstIsCritical, details.Body.GetProperty("checks").GetProperty("first").GetProperty("critical").GetBoolean());
        Assert.Equal(expectedStatus, details.Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_runs_only_live_checks_and_readiness_takes_untagged_ones()
    {
        var untagged = new ControlledCheck { Result = HealthCheckResult.Unhealthy("down") };
        var live = new ControlledCheck();
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth()
                .AddCheck("dependency", untagged.RunAsync)
                .AddCheck("deadlock", live.RunAsync, tags: ["live"]),
            Config);

        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 503 && r.Text.Contains("Unhealthy", StringComparison.Ordinal) && !r.Text.Contains("reason", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "readiness fails on the untagged check");
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/live")).Code);

        live.Result = HealthCheckResult.Unhealthy("deadlocked");
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/live"), r => r.Code == 503, TimeSpan.FromSeconds(5), "liveness fails on the live check");

        var details = await app.Client.GetJsonAsync("/health");
        var tags = details.Body.GetProperty("checks").GetProperty("dependency").GetProperty("tags");
        Assert.Equal(["ready"], tags.EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Liveness_without_live_checks_is_healthy_even_when_dependencies_fail()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("db", _ => Task.FromResult(HealthCheckResult.Unhealthy("down"))),
            Config);

        var live = await app.Client.GetJsonAsync("/health/live");
        Assert.Equal(200, live.Code);
        Assert.Equal("""{"status":"Healthy"}""", live.Text);
    }

    [Fact]
    public async Task Startup_probe_latches_once_healthy()
    {
        var warmup = new ControlledCheck { Result = HealthCheckResult.Unhealthy("warming up") };
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("warmup", warmup.RunAsync, tags: ["startup"]),
            Config);

        await Eventually.Until(() => app.Client.GetJsonAsync("/health/startup"), r => r.Code == 503 && r.Text.Contains("Unhealthy", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "startup is not done");
        warmup.Result = HealthCheckResult.Healthy();
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/startup"), r => r.Code == 200, TimeSpan.FromSeconds(5), "startup completes");

        warmup.Result = HealthCheckResult.Unhealthy("broken again");
        var runs = warmup.Runs;
        await Eventually.Until(() => warmup.Runs > runs + 1, TimeSpan.FromSeconds(5), "the check ran again");
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/startup")).Code);
    }

    [Fact]
    public async Task Checks_added_through_the_plain_health_checks_builder_run_in_the_engine()
    {
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth();
                b.Services.AddHealthChecks()
                    .AddCheck("xabaril-style", () => HealthCheckResult.Unhealthy("down"), tags: ["non-critical"]);
            },
            Config);

        var ready = await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => !r.Text.Contains("starting", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the first snapshot");
        Assert.Equal(200, ready.Code);
        Assert.Equal("Degraded", ready.Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Configuration_overrides_criticality_and_tags_of_a_check_registered_in_code()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth().AddCheck("cache", _ => Task.FromResult(HealthCheckResult.Unhealthy("down"))),
            new Dictionary<string, string?>(Config)
            {
                ["OpsKit:Health:Checks:cache:Critical"] = "false",
                ["OpsKit:Health:Checks:cache:Tags:0"] = "ready",
                ["OpsKit:Health:Checks:cache:Tags:1"] = "startup",
            });

        var details = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");
        var cache = details.Body.GetProperty("checks").GetProperty("cache");
        Assert.False(cache.GetProperty("critical").GetBoolean());
        Assert.Equal(["ready", "startup"], cache.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }
}
