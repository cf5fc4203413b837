using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using static OpsKit.Tests.Slo.SloTestHost;

namespace OpsKit.Tests.Slo;

[Collection(LatencySensitiveCollection.Name)]
public sealed class SloBehaviourTests
{
    [Fact]
    public async Task Server_errors_count_towards_the_error_rate_and_client_errors_do_not_by_default()
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["OpsKit:Slo:all:ErrorRate:Critical"] = "0.5" });

        await DriveAsync(app.Client, "/fail", 10);
        await DriveAsync(app.Client, "/missing", 10);
        await DriveAsync(app.Client, "/ok", 20);

        var slo = await SloAfterAsync(app, "all", 40);
        Assert.Equal(10, slo.GetProperty("errors").GetInt64());
        Assert.Equal(0.25, slo.GetProperty("targets").GetProperty("error_rate").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Client_errors_count_when_the_classification_includes_them()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>
        {
            ["OpsKit:Slo:all:ErrorRate:Critical"] = "0.5",
            ["OpsKit:Slo:all:Errors:ClientErrors"] = "true",
        });

        await DriveAsync(app.Client, "/fail", 10);
        await DriveAsync(app.Client, "/missing", 10);
        await DriveAsync(app.Client, "/ok", 20);

        var slo = await SloAfterAsync(app, "all", 40);
        Assert.Equal(20, slo.GetProperty("errors").GetInt64());
        Assert.Equal("critical", slo.GetProperty("targets").GetProperty("error_rate").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Unhandled_exceptions_count_as_errors_and_lower_availability()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>
        {
            ["OpsKit:Slo:all:Availability:Warning"] = "0.999",
            ["OpsKit:Slo:all:Availability:Critical"] = "0.95",
        });

        await DriveAsync(app.Client, "/throws", 2);
        await DriveAsync(app.Client, "/ok", 38);

        var slo = await SloAfterAsync(app, "all", 40);
        var availability = slo.GetProperty("targets").GetProperty("availability");
        Assert.Equal(0.95, availability.GetProperty("value").GetDouble());
        Assert.Equal("warning", availability.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_route_group_sees_only_its_routes()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>
        {
            ["OpsKit:Slo:work:Route"] = "/work",
            ["OpsKit:Slo:work:Preset"] = "strict",
            ["OpsKit:Slo:all:Preset"] = "web-api",
        });

        await DriveAsync(app.Client, "/ok", 30);
        await DriveAsync(app.Client, "/work", 5);

        var all = await SloAfterAsync(app, "all", 35);
        var (_, body, _) = await app.Client.GetJsonAsync("/health");
        var work = body.GetProperty("slo").GetProperty("work");
        Assert.Equal(35, all.GetProperty("requests").GetInt64());
        Assert.Equal(5, work.GetProperty("requests").GetInt64());
        Assert.False(work.GetProperty("judged").GetBoolean());
        Assert.Equal("ok", work.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Explicit_keys_override_the_preset()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>
        {
            ["OpsKit:Slo:api:Preset"] = "strict",
            ["OpsKit:Slo:api:Latency:P95:Critical"] = "00:00:01",
            ["OpsKit:Slo:api:ErrorRate:Warning"] = "0.02",
        });

        var (_, body, _) = await app.Client.GetJsonAsync("/health");

        var targets = body.GetProperty("slo").GetProperty("api").GetProperty("targets");
        Assert.Equal(0.2, targets.GetProperty("p95").GetProperty("warning").GetDouble());
        Assert.Equal(1.0, targets.GetProperty("p95").GetProperty("critical").GetDouble());
        Assert.Equal(0.02, targets.GetProperty("error_rate").GetProperty("warning").GetDouble());
        Assert.Equal(0.1, targets.GetProperty("error_rate").GetProperty("critical").GetDouble());
    }

    [Fact]
    public async Task The_state_gauge_reports_each_objective_by_name()
    {
        await using var app = await StartAsync(
            new Dictionary<string, string?>
            {
                ["OpsKit:Slo:slow:Route"] = "/slow",
                ["OpsKit:Slo:slow:MinRequests"] = "10",
                ["OpsKit:Slo:slow:Latency:P95:Warning"] = "00:00:00.050",
                ["OpsKit:Slo:fast:Route"] = "/ok",
                ["OpsKit:Slo:fast:Preset"] = "web-api",
            },
            delay: TimeSpan.FromMilliseconds(100));
        using var gauge = new MetricCollector<int>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.slo.state");

        await DriveAsync(app.Client, "/slow", 10);
        await SloAfterAsync(app, "slow", 10);
        gauge.RecordObservableInstruments();

        var measurements = gauge.GetMeasurementSnapshot();
        Assert.Equal(1, Assert.Single(measurements, m => Equals(m.Tags["slo"], "slow")).Value);
        Assert.Equal(0, Assert.Single(measurements, m => Equals(m.Tags["slo"], "fast")).Value);
    }

    [Fact]
    public async Task The_slo_section_is_not_shown_to_callers_without_details()
    {
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth();
                b.Services.AddOpsSlo(o => o.Objectives["api"] = new OpsKit.Slo.OpsSloObjectiveOptions { Preset = "web-api" });
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Never" });

        var (_, body, text) = await app.Client.GetJsonAsync("/health");

        Assert.False(body.TryGetProperty("slo", out _), text);
    }

    [Fact]
    public async Task Objectives_set_in_code_are_evaluated_without_configuration()
    {
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth();
                b.Services.AddOpsSlo(o => o.Objectives["api"] = new OpsKit.Slo.OpsSloObjectiveOptions { Preset = "web-api", MinRequests = 5 });
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always" },
            map: app =>
            {
                app.MapOpsHealth();
                app.MapGet("/ok", () => "ok");
            });

        await DriveAsync(app.Client, "/ok", 5);

        var slo = await SloAfterAsync(app, "api", 5);
        Assert.True(slo.GetProperty("judged").GetBoolean());
        Assert.Equal("ok", slo.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("OpsKit:Slo:api:Preset", "fast", "OpsKit:Slo:api:Preset 'fast' is not a known preset; use web-api, strict.")]
    [InlineData("OpsKit:Slo:api:Window", "00:00:01", "OpsKit:Slo:api:Window must be between 00:00:10 and 1.00:00:00.")]
    [InlineData("OpsKit:Slo:api:Window", "five minutes", "Failed to convert configuration value")]
    [InlineData("OpsKit:Slo:api:MinRequests", "0", "OpsKit:Slo:api:MinRequests must be at least 1.")]
    [InlineData("OpsKit:Slo:api:Route", "api", "OpsKit:Slo:api:Route must start with '/'")]
    [InlineData("OpsKit:Slo:api:Latency:P90:Warning", "00:00:01", "OpsKit:Slo:api:Latency:P90 is not a known key.")]
    [InlineData("OpsKit:Slo:api:Latency:P95:Critical", "00:00:00.100", "OpsKit:Slo:api:Latency:P95:Critical must not be less than OpsKit:Slo:api:Latency:P95:Warning.")]
    [InlineData("OpsKit:Slo:api:ErrorRate:Warning", "5", "OpsKit:Slo:api:ErrorRate:Warning must be between 0 and 1.")]
    [InlineData("OpsKit:Slo:api:Treshold", "1", "OpsKit:Slo:api:Treshold is not a known key.")]
    [InlineData("OpsKit:Slo:api:CriticalMakesUnready", "true", "OpsKit:Slo:api:CriticalMakesUnready requires OpsKit:Slo:api:AffectsReadiness to be true.")]
    [InlineData("OpsKit:Slo:Bad Name:Preset", "strict", "OpsKit:Slo:Bad Name: 'Bad Name' is not a valid objective name")]
    public async Task Bad_options_fail_start_up_naming_the_key(string key, string value, string expected)
    {
        var configuration = new Dictionary<string, string?> { [key] = value };
        if (!key.StartsWith("OpsKit:Slo:Bad Name", StringComparison.Ordinal))
        {
            configuration.TryAdd("OpsKit:Slo:api:Preset", "strict");
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(configuration));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal) && f.Contains("OpsKit:Slo:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_options_fail_start_up_without_the_health_engine()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            new Dictionary<string, string?> { ["OpsKit:Slo:api:MinRequests"] = "0" },
            health: false));

        Assert.Contains("OpsKit:Slo:api:MinRequests must be at least 1.", error.Failures);
    }

    [Fact]
    public async Task An_objective_without_a_target_fails_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            new Dictionary<string, string?> { ["OpsKit:Slo:api:Route"] = "/api" }));

        Assert.Contains(error.Failures, f => f.StartsWith("OpsKit:Slo:api has no target", StringComparison.Ordinal));
    }
}
