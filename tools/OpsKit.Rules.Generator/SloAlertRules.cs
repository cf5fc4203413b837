using System.Globalization;

namespace OpsKit.Rules.Generator;

/// <summary>
/// Rules for OpsKit's service-level objectives (<c>opskit-slo-alerts.yml</c>). Burn-rate alerts follow the multi-window,
/// multi-burn-rate scheme of the Google SRE workbook (14.4× over 1 h and 5 m pages, 6× over 6 h and 30 m warns) on
/// ASP.NET Core's <c>http_server_request_duration_seconds</c>; threshold alerts repeat each preset's levels in PromQL;
/// state alerts follow the in-process <c>opskit_slo_state</c>.
/// </summary>
public static class SloAlertRules
{
    /// <summary>Rule file name under docs/prometheus.</summary>
    public const string FileName = "opskit-slo-alerts.yml";

    private const string Count = "http_server_request_duration_seconds_count";
    private const string Bucket = "http_server_request_duration_seconds_bucket";
    private const string ServerError = "http_response_status_code=~\"5..\"";

    // Availability 99.9 % and p95 under 500 ms (the web-api preset's p95 warning level, a bucket bound of the request histogram).
    private const double AvailabilityTarget = 0.999;
    private const double LatencyBound = 0.5;
    private const double LatencyTarget = 0.95;

    private static readonly string[] Windows = ["5m", "30m", "1h", "6h"];

    /// <summary>The presets of docs/slo.md, in file order.</summary>
    public static readonly IReadOnlyList<SloPreset> Presets =
    [
        new("strict", ErrorRate: (0.05, 0.10), P95: (0.2, 0.5)),
        new("web-api", ErrorRate: (0.01, 0.05), P95: (0.5, 5.0)),
    ];

    /// <summary>The rule file; its promtool tests are written by hand (<c>opskit-slo-alerts.test.yml</c>).</summary>
    public static RuleFile File { get; } = Build();

    private static RuleFile Build()
    {
        var le = Number(LatencyBound);
        var recording = new RuleGroup(
            "opskit-slo-recording",
            [
                .. Windows.Select(w => new RecordingRule(
                    $"opskit:slo_errors:ratio_rate{w}",
                    $"sum by (job) (rate({Count}{{{ServerError}}}[{w}])) / sum by (job) (rate({Count}[{w}]))")),
                .. Windows.Select(w => new RecordingRule(
                    $"opskit:slo_slow_requests:ratio_rate{w}",
                    $"1 - (sum by (job) (rate({Bucket}{{le=\"{le}\"}}[{w}])) / sum by (job) (rate({Count}[{w}])))")),
                new("opskit:slo_latency:p95_5m", $"histogram_quantile(0.95, sum by (job, le) (rate({Bucket}[5m])))"),
            ],
            []);

        var errorBudget = 1 - AvailabilityTarget;
        var latencyBudget = 1 - LatencyTarget;
        var burnRate = new RuleGroup(
            "opskit-slo-burn-rate",
            [],
            [
                Burn("OpsKitSloErrorBudgetBurnFast", "opskit:slo_errors", "1h", "5m", 14.4, errorBudget, "critical",
                    $"{{{{ $labels.job }}}} is burning its {Percent(AvailabilityTarget)} availability error budget 14.4 times too fast (1 h and 5 m)."),
                Burn("OpsKitSloErrorBudgetBurnSlow", "opskit:slo_errors", "6h", "30m", 6, errorBudget, "warning",
                    $"{{{{ $labels.job }}}} is burning its {Percent(AvailabilityTarget)} availability error budget 6 times too fast (6 h and 30 m)."),
                Burn("OpsKitSloLatencyBudgetBurnFast", "opskit:slo_slow_requests", "1h", "5m", 14.4, latencyBudget, "critical",
                    $"{{{{ $labels.job }}}}: requests slower than {le} s burn the p95 latency budget 14.4 times too fast (1 h and 5 m)."),
                Burn("OpsKitSloLatencyBudgetBurnSlow", "opskit:slo_slow_requests", "6h", "30m", 6, latencyBudget, "warning",
                    $"{{{{ $labels.job }}}}: requests slower than {le} s burn the p95 latency budget 6 times too fast (6 h and 30 m)."),
            ]);

        var presets = Presets.Select(static preset =>
        {
            var name = preset.Name;
            var id = string.Concat(name.Split('-').Select(static s => char.ToUpperInvariant(s[0]) + s[1..]));
            AlertRule?[] alerts =
            [
                Threshold($"OpsKitSlo{id}ErrorRateWarning", "opskit:slo_errors:ratio_rate5m", preset.ErrorRate.Warning, "warning",
                    "{{ $labels.job }} error rate (5xx) over 5 m is above the " + name + " warning level, " + Percent(preset.ErrorRate.Warning) + "."),
                Threshold($"OpsKitSlo{id}ErrorRateCritical", "opskit:slo_errors:ratio_rate5m", preset.ErrorRate.Critical, "critical",
                    "{{ $labels.job }} error rate (5xx) over 5 m is above the " + name + " critical level, " + Percent(preset.ErrorRate.Critical) + "."),
                Threshold($"OpsKitSlo{id}P95LatencyWarning", "opskit:slo_latency:p95_5m", preset.P95.Warning, "warning",
                    "{{ $labels.job }} p95 latency over 5 m is above the " + name + " warning level, " + Seconds(preset.P95.Warning) + "."),
                Threshold($"OpsKitSlo{id}P95LatencyCritical", "opskit:slo_latency:p95_5m", preset.P95.Critical, "critical",
                    "{{ $labels.job }} p95 latency over 5 m is above the " + name + " critical level, " + Seconds(preset.P95.Critical) + "."),
            ];
            return new RuleGroup($"opskit-slo-{name}", [], [.. alerts.OfType<AlertRule>()]);
        });

        var state = new RuleGroup(
            "opskit-slo-state",
            [],
            [
                new("OpsKitSloStateCritical", "max by (job, slo) (opskit_slo_state) == 2", "2m", "critical",
                    "Service-level objective {{ $labels.slo }} of {{ $labels.job }} is critical (in-process evaluation)."),
                new("OpsKitSloStateWarning", "max by (job, slo) (opskit_slo_state) == 1", "5m", "warning",
                    "Service-level objective {{ $labels.slo }} of {{ $labels.job }} is in warning (in-process evaluation)."),
            ]);

        return new RuleFile(
            FileName,
            [
                "Inputs: ASP.NET Core's http.server.request.duration (probe and scrape endpoints excluded by OpsKit) and",
                "opskit.slo.state. Keep the threshold group of the preset your service uses (web-api or strict).",
            ],
            [recording, burnRate, .. presets, state]);
    }

    private static AlertRule Burn(string alert, string ratio, string longWindow, string shortWindow, double factor, double budget, string severity, string summary)
    {
        var threshold = Number(Math.Round(factor * budget, 6));
        return new(alert, $"{ratio}:ratio_rate{longWindow} > {threshold} and {ratio}:ratio_rate{shortWindow} > {threshold}", "2m", severity, summary);
    }

    private static AlertRule? Threshold(string alert, string series, double? threshold, string severity, string summary) =>
        threshold is { } value ? new(alert, $"{series} > {Number(value)}", "5m", severity, summary) : null;

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Percent(double? ratio) => (ratio * 100)?.ToString("0.###", CultureInfo.InvariantCulture) + " %";

    private static string Seconds(double? seconds) => seconds?.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
