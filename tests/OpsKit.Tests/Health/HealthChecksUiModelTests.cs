using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthChecks.UI.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

/// <summary>OpsKit's <c>?format=healthchecks-ui</c> output read with the HealthChecks UI's own models, as its collector reads it.</summary>
public sealed class HealthChecksUiModelTests
{
    private const string AccessKey = "k7Qm2vX9pL4sT8wZ1bN6cR3yH5jF0dGa";

    // The options HealthChecks.UI's HealthCheckReportCollector reads endpoints with.
    private static readonly JsonSerializerOptions UiCollectorOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: true) },
    };

    [Fact]
    public async Task Every_entry_reads_back_into_the_ui_models_with_status_duration_description_data_and_tags()
    {
        await using var app = await StartAsync(new() { ["OpsKit:Health:Details"] = "Always" });
        await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.Body.GetProperty("checks").EnumerateObject().All(c => c.Value.TryGetProperty("durationMs", out _)), TimeSpan.FromSeconds(10), "every check's first run");

        var report = await ReadReportAsync(app, key: null);

        Assert.Equal(UIHealthStatus.Unhealthy, report.Status);
        Assert.Equal(["broken", "ok", "pool"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.True(report.TotalDuration >= report.Entries.Values.Max(e => e.Duration));

        var ok = report.Entries["ok"];
        Assert.Equal(UIHealthStatus.Healthy, ok.Status);
        Assert.Null(ok.Description);
        Assert.Null(ok.Exception);
        Assert.Empty(ok.Data);
        Assert.Equal(["live", "ready", "db", "team-a"], ok.Tags);

        var pool = report.Entries["pool"];
        Assert.Equal(UIHealthStatus.Degraded, pool.Status);
        Assert.Equal("pool 90 % busy", pool.Description);
        Assert.True(pool.Duration >= TimeSpan.FromMilliseconds(40), $"pool took {pool.Duration}");
        Assert.Equal(9, ((JsonElement)pool.Data["busy"]).GetInt32());
        Assert.Equal(0.9, ((JsonElement)pool.Data["usage"]).GetDouble());
        Assert.Equal("primary", ((JsonElement)pool.Data["role"]).GetString());
        Assert.Equal(["ready", "non-critical"], pool.Tags);

        var broken = report.Entries["broken"];
        Assert.Equal(UIHealthStatus.Unhealthy, broken.Status);
        Assert.False(string.IsNullOrEmpty(broken.Exception));
        Assert.Equal(broken.Exception, broken.Description);
        Assert.DoesNotContain("at OpsKit", broken.Exception, StringComparison.Ordinal);
        Assert.Equal(["ready"], broken.Tags);
    }

    [Fact]
    public async Task The_access_key_header_gives_a_ui_every_entry_in_production()
    {
        await using var app = await StartAsync(new() { ["OpsKit:Health:HealthChecksUiAccessKey"] = AccessKey });
        await Eventually.Until(() => ReadReportAsync(app, AccessKey), r => r.Entries.Count == 3, TimeSpan.FromSeconds(10), "every check's first run");

        var report = await ReadReportAsync(app, AccessKey);

        Assert.Equal(UIHealthStatus.Unhealthy, report.Status);
        Assert.Equal(UIHealthStatus.Degraded, report.Entries["pool"].Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("k7Qm2vX9pL4sT8wZ1bN6cR3yH5jF0dGb")]
    [InlineData("k7Qm2vX9pL4sT8wZ1bN6cR3yH5jF0dGa-and-more")]
    public async Task A_wrong_or_missing_access_key_gets_the_status_only(string? sent)
    {
        await using var app = await StartAsync(new() { ["OpsKit:Health:HealthChecksUiAccessKey"] = AccessKey });
        await Eventually.Until(() => ReadReportAsync(app, AccessKey), r => r.Entries.Count == 3, TimeSpan.FromSeconds(10), "every check's first run");

        var response = await app.Client.GetJsonAsync("/health?format=healthchecks-ui", r => AddKey(r, sent));

        Assert.Equal("""{"status":"Unhealthy"}""", response.Text);
        Assert.Empty((await ReadReportAsync(app, sent)).Entries);
    }

    [Fact]
    public async Task The_access_key_opens_the_ui_format_only_not_the_detailed_json()
    {
        await using var app = await StartAsync(new() { ["OpsKit:Health:HealthChecksUiAccessKey"] = AccessKey });
        await Eventually.Until(() => ReadReportAsync(app, AccessKey), r => r.Entries.Count == 3, TimeSpan.FromSeconds(10), "every check's first run");

        var details = await app.Client.GetJsonAsync("/health", r => AddKey(r, AccessKey));

        Assert.Equal("""{"status":"Unhealthy"}""", details.Text);
    }

    [Fact]
    public async Task Neither_the_access_key_nor_a_wrong_one_appears_in_any_log()
    {
        const string wrong = "wrong-key-0123456789abcdefghijklmn";
        await using var app = await StartAsync(new() { ["OpsKit:Health:HealthChecksUiAccessKey"] = AccessKey });
        await Eventually.Until(() => ReadReportAsync(app, AccessKey), r => r.Entries.Count == 3, TimeSpan.FromSeconds(10), "every check's first run");
        await ReadReportAsync(app, wrong);
        await app.Client.PostAsync("/health?refresh=ok", r => AddKey(r, AccessKey));

        var logs = app.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        foreach (var record in logs)
        {
            var text = record.Message + " " + string.Join(' ', record.StructuredState?.Select(p => p.Value) ?? []) + " " + record.Exception;
            Assert.DoesNotContain(AccessKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ops_info_lists_the_access_key_masked()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth(),
            new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always", ["OpsKit:Health:HealthChecksUiAccessKey"] = AccessKey },
            map: a =>
            {
                a.MapOpsHealth();
                a.MapOpsInfo();
            });

        var info = await app.Client.GetJsonAsync("/ops/info");

        Assert.Equal(200, info.Code);
        Assert.True(info.Body.GetProperty("configuration").TryGetProperty("OpsKit:Health:HealthChecksUiAccessKey", out _));
        Assert.DoesNotContain(AccessKey, info.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_access_key_fails_start_up_without_showing_it()
    {
        const string weak = "letmein-letmein";
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["OpsKit:Health:HealthChecksUiAccessKey"] = weak }));

        var failure = Assert.Single(error.Failures, f => f.StartsWith("OpsKit:Health:HealthChecksUiAccessKey", StringComparison.Ordinal));
        Assert.DoesNotContain(weak, failure, StringComparison.Ordinal);
    }

    private static async Task<UIHealthReport> ReadReportAsync(TestApp app, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health?format=healthchecks-ui");
        AddKey(request, key);
        using var response = await app.Client.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<UIHealthReport>(UiCollectorOptions) ?? throw new InvalidOperationException("empty body");
    }

    private static void AddKey(HttpRequestMessage request, string? key)
    {
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(OpsHealthOptions.HealthChecksUiAccessKeyHeader, key);
        }
    }

    private static Task<TestApp> StartAsync(Dictionary<string, string?> configuration) => TestApp.StartAsync(
        b => b.Services.AddOpsHealth()
            .AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy()), tags: ["team-a", "ready", "db", "live"])
            .AddCheck(
                "pool",
                async ct =>
                {
                    await Task.Delay(50, ct);
                    return HealthCheckResult.Degraded(
                        "pool 90 % busy",
                        data: new Dictionary<string, object> { ["busy"] = 9, ["usage"] = 0.9, ["role"] = "primary" });
                },
                critical: false)
            .AddCheck("broken", _ => throw new InvalidOperationException("connection refused by upstream")),
        configuration);
}
