using System.Text.Json;
using System.Text.RegularExpressions;
using OpsKit.Telemetry.Internal;

namespace OpsKit.Tests.Telemetry;

/// <summary>
/// The committed alert rules, their promtool unit tests and the Grafana dashboard are generated from OpsKit's names.
/// Set <c>OPSKIT_REGENERATE=1</c> to rewrite them:
/// <c>OPSKIT_REGENERATE=1 dotnet test tests/OpsKit.Tests --filter FullyQualifiedName~GeneratedArtifactsTests</c>.
/// </summary>
public sealed partial class GeneratedArtifactsTests
{
    private const string RegenerateCommand = "OPSKIT_REGENERATE=1 dotnet test tests/OpsKit.Tests --filter FullyQualifiedName~GeneratedArtifactsTests";

    /// <summary>docs/metrics.md: the Prometheus name of every OpsKit instrument.</summary>
    private static readonly HashSet<string> DesignNames =
    [
        "opskit_health_check_status", "opskit_health_check_duration_seconds", "opskit_health_check_executions_total",
        "opskit_health_check_abandoned_total", "opskit_health_status", "opskit_maintenance", "opskit_certificate_expiry_seconds",
        "opskit_disk_usage_ratio", "opskit_memory_usage_ratio", "opskit_postgres_connections_usage_ratio",
        "opskit_postgres_pool_usage_ratio", "opskit_postgres_pool_exhausted_total", "opskit_redis_memory_usage_ratio",
        "opskit_lock_acquisitions_total", "opskit_lock_held_seconds", "opskit_cache_requests_total", "opskit_cache_evictions_total",
        "opskit_cache_entries", "opskit_cache_size", "opskit_cache_capacity", "opskit_resilience_failovers_total",
        "opskit_resilience_circuit_state", "opskit_security_events_total", "opskit_security_auth_attempts_total", "opskit_slo_state",
    ];

    public static TheoryData<string, string> Artifacts => new()
    {
        { "docs/prometheus/" + AlertRules.RulesFileName, AlertRules.RulesYaml() },
        { "docs/prometheus/" + AlertRules.TestsFileName, AlertRules.TestsYaml() },
        { "docs/grafana/" + GrafanaDashboard.FileName, GrafanaDashboard.Json() },
    };

    [Theory]
    [MemberData(nameof(Artifacts))]
    public void Committed_artifact_matches_the_generator(string relativePath, string generated)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        if (Environment.GetEnvironmentVariable("OPSKIT_REGENERATE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }

        var committed = File.Exists(path) ? File.ReadAllText(path) : null;
        Assert.True(
            committed == generated,
            $"{relativePath} differs from what OpsKit.Telemetry.Internal generates. Regenerate it with:\n  {RegenerateCommand}\nand commit the result.");
    }

    [Fact]
    public async Task Generated_rules_pass_promtool_check_rules()
    {
        using var directory = GeneratedRules();

        var (exitCode, output) = await Promtool.CheckRulesAsync(directory.Rules);

        Assert.True(exitCode == 0, $"promtool check rules exited {exitCode}:\n{output}");
        Assert.Contains($"SUCCESS: {AlertRules.Alerts.Count + AlertRules.RecordingRules.Count} rules found", output, StringComparison.Ordinal);
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
        var tests = AlertRules.TestsYaml();

        Assert.All(AlertRules.Alerts, alert =>
        {
            Assert.Contains(alert.Severity, new[] { "warning", "critical" });
            Assert.Contains($"'{alert.Name} fires after {alert.For}'", tests, StringComparison.Ordinal);
            Assert.Contains($"'{alert.Name} stays quiet'", tests, StringComparison.Ordinal);
            Assert.NotEmpty(alert.Firing);
            Assert.NotEmpty(alert.Quiet);
        });
        Assert.Equal(AlertRules.Alerts.Count, AlertRules.Alerts.Select(a => a.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("OpsKitServiceDown", "up == 0", "1m", "critical")]
    [InlineData("OpsKitNotReady", "opskit_health_status == 0", "2m", "critical")]
    [InlineData("OpsKitHealthCheckUnhealthy", "opskit_health_check_status == 0", "5m", "warning")]
    [InlineData("OpsKitHighErrorRate", "> 0.05", "5m", "warning")]
    [InlineData("OpsKitVeryHighErrorRate", "> 0.10", "5m", "critical")]
    [InlineData("OpsKitCertificateExpiringSoon", "opskit_certificate_expiry_seconds < 7 * 24 * 3600", "1h", "warning")]
    [InlineData("OpsKitCertificateExpired", "opskit_certificate_expiry_seconds <= 0", "1m", "critical")]
    [InlineData("OpsKitDiskUsageHigh", "opskit_disk_usage_ratio > 0.80", "5m", "warning")]
    [InlineData("OpsKitDiskUsageCritical", "opskit_disk_usage_ratio > 0.90", "5m", "critical")]
    [InlineData("OpsKitRedisMemoryHigh", "opskit_redis_memory_usage_ratio > 0.90", "5m", "warning")]
    [InlineData("OpsKitPostgresPoolUsageHigh", "opskit_postgres_pool_usage_ratio > 0.80", "5m", "warning")]
    [InlineData("OpsKitPostgresConnectionsHigh", "opskit_postgres_connections_usage_ratio > 0.80", "5m", "warning")]
    [InlineData("OpsKitCircuitOpen", "opskit_resilience_circuit_state == 2", "1m", "warning")]
    public void Seed_alerts_keep_their_thresholds(string name, string expressionPart, string forDuration, string severity)
    {
        var alert = Assert.Single(AlertRules.Alerts, a => a.Name == name);

        Assert.Contains(expressionPart, alert.Expression, StringComparison.Ordinal);
        Assert.Equal(forDuration, alert.For);
        Assert.Equal(severity, alert.Severity);
    }

    [Fact]
    public void Rules_and_dashboard_use_only_design_names()
    {
        var used = OpsKitName().Matches(AlertRules.RulesYaml() + GrafanaDashboard.Json())
            .Select(m => Regex.Replace(m.Value, "_(bucket|count|sum)$", string.Empty))
            .ToHashSet();

        Assert.Empty(used.Except(DesignNames));
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

    [GeneratedRegex("opskit_[a-z_]+")]
    private static partial Regex OpsKitName();

    private static GeneratedDirectory GeneratedRules()
    {
        var directory = new GeneratedDirectory();
        File.WriteAllText(directory.Rules, AlertRules.RulesYaml());
        File.WriteAllText(directory.Tests, AlertRules.TestsYaml());
        return directory;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsKit.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("OpsKit.slnx not found above " + AppContext.BaseDirectory);
    }

    private sealed class GeneratedDirectory : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("opskit-rules-").FullName;

        public string Rules => Path.Combine(_path, AlertRules.RulesFileName);

        public string Tests => Path.Combine(_path, AlertRules.TestsFileName);

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
