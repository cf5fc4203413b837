using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpsKit.Rules.Generator;

namespace OpsKit.Tests.Telemetry;

/// <summary>
/// The committed alert rules, their promtool unit tests and the Grafana dashboard are what tools/OpsKit.Rules.Generator
/// writes, and every series they read is one OpsKit or the framework really exports.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class GeneratedArtifactsTests
{
    public static TheoryData<string> ArtifactPaths => [.. Artifacts.All().Select(a => a.RelativePath)];

    [Theory]
    [MemberData(nameof(ArtifactPaths))]
    public void Committed_artifact_matches_the_generator(string relativePath)
    {
        var generated = Artifacts.All().Single(a => a.RelativePath == relativePath).Content;
        var path = Path.Combine(RepositoryPaths.Root, relativePath);

        var committed = File.Exists(path) ? File.ReadAllText(path) : null;
        Assert.True(
            committed == generated,
            $"{relativePath} differs from what tools/OpsKit.Rules.Generator generates. Regenerate it with:\n  {Artifacts.RegenerateCommand}\nand commit the result.");
    }

    [Fact]
    public async Task Generated_rules_pass_promtool_check_rules()
    {
        using var directory = GeneratedRules();

        var (exitCode, output) = await Promtool.CheckRulesAsync(directory.Rules);

        Assert.True(exitCode == 0, $"promtool check rules exited {exitCode}:\n{output}");
        Assert.Contains($"SUCCESS: {Artifacts.Alerts.Alerts.Count() + Artifacts.Alerts.Records.Count()} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_alert_fires_after_its_for_duration_and_stays_quiet_when_healthy_under_promtool_test_rules()
    {
        using var directory = GeneratedRules();

        var (exitCode, output) = await Promtool.TestRulesAsync(directory.Tests);

        Assert.True(exitCode == 0, $"promtool test rules exited {exitCode}:\n{output}");
    }

    [Fact]
    public void Every_alert_has_a_severity_and_a_firing_and_a_quiet_test()
    {
        var tests = TestsYaml();
        var alerts = Artifacts.Alerts.Alerts.ToList();

        Assert.All(alerts, alert =>
        {
            Assert.Contains(alert.Severity, new[] { "warning", "critical" });
            Assert.Contains($"'{alert.Name} fires after {alert.For}'", tests, StringComparison.Ordinal);
            Assert.Contains($"'{alert.Name} stays quiet'", tests, StringComparison.Ordinal);
            Assert.NotEmpty(alert.Test!.Firing);
            Assert.NotEmpty(alert.Test.Quiet);
        });
        Assert.Equal(alerts.Count, alerts.Select(a => a.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("OpsKitServiceDown", "up == 0", "1m", "critical")]
    [InlineData("OpsKitNotReady", "opskit_health_status == 0", "2m", "critical")]
    [InlineData("OpsKitHealthCheckUnhealthy", "opskit_health_check_status == 0", "5m", "warning")]
    [InlineData("OpsKitHighErrorRate", "> 0.05", "5m", "warning")]
    [InlineData("OpsKitVeryHighErrorRate", "> 0.10", "5m", "critical")]
    [InlineData("OpsKitCertificateExpiringSoon", "opskit_certificate_expiry_seconds < 7 * 24 * 3600", "1h", "warning")]
    [InlineData("OpsKitCertificateExpired", "opskit_certificate_expiry_seconds <= 0", "1m", "critical")]
    [InlineData("OpsKitDiskUsageHigh", "opskit_disk_utilization > 0.80", "5m", "warning")]
    [InlineData("OpsKitDiskUsageCritical", "opskit_disk_utilization > 0.90", "5m", "critical")]
    [InlineData("OpsKitRedisMemoryHigh", "opskit_redis_memory_utilization > 0.90", "5m", "warning")]
    [InlineData("OpsKitPostgresPoolUsageHigh", "opskit_postgres_pool_utilization > 0.80", "5m", "warning")]
    [InlineData("OpsKitPostgresConnectionsHigh", "opskit_postgres_connections_utilization > 0.80", "5m", "warning")]
    [InlineData("OpsKitCircuitOpen", "opskit_resilience_circuit_state == 2", "1m", "warning")]
    public void Seed_alerts_keep_their_thresholds(string name, string expressionPart, string forDuration, string severity)
    {
        var alert = Assert.Single(Artifacts.Alerts.Alerts, a => a.Name == name);

        Assert.Contains(expressionPart, alert.Expression, StringComparison.Ordinal);
        Assert.Equal(forDuration, alert.For);
        Assert.Equal(severity, alert.Severity);
    }

    [Theory]
    [InlineData("opskit.alerts", "OpsKitHealthCheckUnhealthy")]
    [InlineData("opskit.npgsql", "OpsKitPostgresPoolExhausted")]
    [InlineData("opskit.redis", "OpsKitRedisMemoryHigh")]
    public void Alerts_are_grouped_by_the_package_that_owns_their_instruments(string group, string alert)
    {
        var rules = Artifacts.Alerts.Groups.Single(g => g.Name == group);

        Assert.Contains(rules.Alerts, a => a.Name == alert);
    }

    /// <summary>
    /// A renamed or removed instrument breaks this test, not production alerts: every <c>opskit_*</c> series a rule, a
    /// promtool case or a panel reads is the Prometheus name of an instrument a host with every capability publishes.
    /// </summary>
    [Fact]
    public async Task Every_opskit_series_the_rules_and_dashboard_read_is_published_by_a_host_with_every_capability()
    {
        var published = (await EveryCapabilityHost.PublishedInstrumentsAsync()).SelectMany(PrometheusSeries).ToHashSet(StringComparer.Ordinal);

        var used = SeriesUsed().Where(n => n.StartsWith("opskit_", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(n => !published.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "read by rules or dashboard but not exported: " + string.Join(", ", missing) + "\nexported: " + string.Join(", ", published.Order()));
    }

    [Fact]
    public async Task Every_framework_series_and_label_the_rules_and_dashboard_read_is_in_a_real_scrape()
    {
        await using var app = await TelemetryApp.StartAsync(_ => { });
        // The app records http.server.request.duration; this HttpClient call records http.client.request.duration on the
        // process-wide System.Net.Http meter, which the exporter listens to.
        await app.Client.GetStringAsync("/work");

        var metrics = await Eventually.Until(
            () => app.ScrapeAsync(),
            m => m.Named("http_server_request_duration_seconds_count").Any() && m.Named("http_client_request_duration_seconds_count").Any(),
            TimeSpan.FromSeconds(10),
            "the request histograms");

        var names = metrics.Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var labels = metrics.Samples.SelectMany(s => s.Labels.Keys).ToHashSet(StringComparer.Ordinal);
        var used = SeriesUsed().Where(n => !n.StartsWith("opskit_", StringComparison.Ordinal)).ToList();
        Assert.Contains("http_server_request_duration_seconds_bucket", used);
        Assert.Contains("dotnet_thread_pool_thread_count_total", used);
        var missing = used.Where(n => !names.Contains(n) && !labels.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "read by rules or dashboard but not in the scrape: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Request_histogram_buckets_of_the_promtool_cases_are_the_ones_the_exporter_renders()
    {
        await using var app = await TelemetryApp.StartAsync(_ => { });
        await app.Client.GetStringAsync("/work");

        var metrics = await Eventually.Until(
            () => app.ScrapeAsync(),
            m => m.Named("http_server_request_duration_seconds_bucket").Any(),
            TimeSpan.FromSeconds(10),
            "the request histogram");

        var rendered = metrics.Named("http_server_request_duration_seconds_bucket").Select(s => s.Labels["le"]).Distinct().ToList();
        var expected = TestSeries.RequestDurationBuckets.Select(b => b.ToString(CultureInfo.InvariantCulture)).Append("+Inf").ToList();
        Assert.Equal(expected, rendered.Select(le => le == "+Inf" ? le : double.Parse(le, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Dashboard_is_grafana_json_with_unique_panel_ids_and_a_query_per_panel()
    {
        using var dashboard = JsonDocument.Parse(GrafanaDashboard.Json());
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();

        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.All(panels, p => Assert.NotEmpty(p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString())));
        Assert.All(panels, p => Assert.InRange(p.GetProperty("gridPos").GetProperty("x").GetInt32() + p.GetProperty("gridPos").GetProperty("w").GetInt32(), 1, 24));
        Assert.Contains(panels, p => p.GetProperty("targets")[0].GetProperty("expr").GetString()!.Contains("opskit_health_check_status", StringComparison.Ordinal));
    }

    /// <summary>Names read by rules, promtool cases and panels: <c>opskit_</c>, <c>http_</c> and <c>dotnet_</c> words that are not part of a recording-rule name.</summary>
    private static List<string> SeriesUsed() =>
        [.. Artifacts.All().SelectMany(a => SeriesName().Matches(a.Content)).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>How OpenTelemetry's Prometheus exporter names an instrument's series (pinned by PrometheusNameTests).</summary>
    private static IEnumerable<string> PrometheusSeries(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_') + instrument.Unit switch
        {
            "s" => "_seconds",
            "ratio" => "_ratio",
            "By" => "_bytes",
            _ => string.Empty,
        };
        return EveryCapabilityHost.Kind(instrument) switch
        {
            "counter" => [name + "_total"],
            "histogram" => [name + "_bucket", name + "_count", name + "_sum"],
            _ => [name],
        };
    }

    [GeneratedRegex(@"(?<![\w:])(?:opskit|http|dotnet)_[a-z0-9_]+(?![\w:])")]
    private static partial Regex SeriesName();

    private static string TestsYaml() => Artifacts.All().Single(a => a.RelativePath.EndsWith(Artifacts.AlertsTestsFileName, StringComparison.Ordinal)).Content;

    private static GeneratedDirectory GeneratedRules()
    {
        var directory = new GeneratedDirectory();
        File.WriteAllText(directory.Rules, RuleYaml.Rules(Artifacts.Alerts));
        File.WriteAllText(directory.Tests, TestsYaml());
        return directory;
    }

    private sealed class GeneratedDirectory : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("opskit-rules-").FullName;

        public string Rules => Path.Combine(_path, Artifacts.AlertsFileName);

        public string Tests => Path.Combine(_path, Artifacts.AlertsTestsFileName);

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
