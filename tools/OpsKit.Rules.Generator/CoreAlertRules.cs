using static OpsKit.Rules.Generator.TestSeries;

namespace OpsKit.Rules.Generator;

/// <summary>
/// Rules on the instruments of the OpsKit package (health engine, system checks, certificates, resilience) and on
/// ASP.NET Core's request histogram: recording rules for dashboards and the <c>opskit.alerts</c> group.
/// </summary>
public static class CoreAlertRules
{
    /// <summary>Prometheus name of ASP.NET Core's request-duration histogram, count series.</summary>
    public const string RequestCount = "http_server_request_duration_seconds_count";

    /// <summary>Prometheus name of ASP.NET Core's request-duration histogram, bucket series.</summary>
    public const string RequestBucket = "http_server_request_duration_seconds_bucket";

    private const string CheckStatus = "opskit_health_check_status";
    private const string OverallStatus = "opskit_health_status";
    private const string Maintenance = "opskit_maintenance";
    private const string TrafficRefused = "opskit_health_traffic_refused";
    private const string Suppressed = "opskit_health_check_suppressed";
    private const string Critical = "opskit_health_check_critical";
    private const string Abandoned = "opskit_health_check_abandoned_total";
    private const string CertificateExpiry = "opskit_certificate_expiry_seconds";
    private const string DiskUtilization = "opskit_disk_utilization";
    private const string MemoryUtilization = "opskit_memory_utilization";
    private const string CircuitState = "opskit_resilience_circuit_state";

    private const string NotInMaintenance = "unless on (job, instance) " + Maintenance + " == 1";

    // One alert per root cause: a check not run because its dependency is Unhealthy defers to the dependency's alert.
    // "unless … == 1" (not "and … == 0") keeps the alerts working on a scrape without these gauges.
    private const string NotSuppressed = "unless on (job, instance, check) " + Suppressed + " == 1";

    /// <summary>Request rate, 5xx ratio and p95 latency per job, and unhealthy checks, for dashboards and ad-hoc queries.</summary>
    public static readonly RuleGroup Recording = new(
        "opskit.recording",
        [
            new("opskit:http_server_requests:rate5m", $"sum by (job) (rate({RequestCount}[5m]))"),
            new("opskit:http_server_errors:rate5m", $"sum by (job) (rate({RequestCount}{{http_response_status_code=~\"5..\"}}[5m]))"),
            new("opskit:http_server_error_ratio:rate5m", "opskit:http_server_errors:rate5m / opskit:http_server_requests:rate5m"),
            new("opskit:http_server_request_duration_seconds:p95_5m", $"histogram_quantile(0.95, sum by (job, le) (rate({RequestBucket}[5m])))"),
            new("opskit:health_check_unhealthy:count", $"count by (job) ({CheckStatus} == 0)"),
        ],
        []);

    /// <summary>The promtool case of <see cref="Recording"/>: 10 % errors, fast requests, one unhealthy check.</summary>
    public static readonly RecordingTest RecordingTest = new(
        "recording rules: request rate, 5xx ratio, p95 and unhealthy checks per job",
        [
            (Requests("500"), "0+60x20"),
            (Requests("200"), "0+540x20"),
            .. Histogram(slow: false),
            ($"{CheckStatus}{{{App},check=\"db\"}}", "0x20"),
            ($"{CheckStatus}{{{App},check=\"cache\"}}", "2x20"),
        ],
        [
            ("opskit:http_server_requests:rate5m", "opskit:http_server_requests:rate5m{job=\"api\"}", "10"),
            ("opskit:http_server_error_ratio:rate5m", "opskit:http_server_error_ratio:rate5m{job=\"api\"}", "0.1"),
            // Interpolated inside the 50–75 ms bucket (0.05 + 0.025 × 0.95 = 73.75 ms); compared in hundredths of a
            // millisecond, whole numbers, because the float result has noise in its last digits.
            ("round(opskit:http_server_request_duration_seconds:p95_5m * 100000)", "{job=\"api\"}", "7375"),
            ("opskit:health_check_unhealthy:count", "opskit:health_check_unhealthy:count{job=\"api\"}", "1"),
        ]);

    /// <summary>Alerts on availability, readiness, errors, latency, certificates, resources, circuits and hung checks.</summary>
    public static readonly RuleGroup Alerts = new(
        "opskit.alerts",
        [],
        [
            new(
                "OpsKitServiceDown",
                "up == 0",
                "1m",
                "critical",
                "{{ $labels.job }} on {{ $labels.instance }} is down",
                "Prometheus cannot scrape {{ $labels.instance }} of {{ $labels.job }}: the process is not running or /metrics does not answer.")
            {
                Test = new(
                    [($"up{{{App}}}", "0x20")],
                    [($"up{{{App}}}", "1x20")],
                    [("job", "api"), ("instance", "api-0:8080")]),
            },
            new(
                "OpsKitHealthCheckUnhealthy",
                // A critical check's failure is OpsKitCriticalHealthCheckUnhealthy's, not this warning's too.
                $"{CheckStatus} == 0 {NotSuppressed} unless on (job, instance, check) {Critical} == 1 {NotInMaintenance}",
                "5m",
                "warning",
                "Health check {{ $labels.check }} on {{ $labels.instance }} is unhealthy",
                "Non-critical check {{ $labels.check }} of {{ $labels.job }} has reported Unhealthy for 5 minutes. GET /health shows its error category and message.")
            {
                Test = new(
                    [($"{CheckStatus}{{{App},check=\"db\"}}", "0x20"), ($"{Critical}{{{App},check=\"db\"}}", "0x20"), ($"{Suppressed}{{{App},check=\"db\"}}", "0x20")],
                    [
                        ($"{CheckStatus}{{{App},check=\"db\"}}", "2x20"),
                        ($"{CheckStatus}{{{App},check=\"db.replica\"}}", "0x20"),
                        ($"{Suppressed}{{{App},check=\"db.replica\"}}", "1x20"),
                        ($"{CheckStatus}{{{App},check=\"cache\"}}", "0x20"),
                        ($"{Critical}{{{App},check=\"cache\"}}", "1x20"),
                    ],
                    [("job", "api"), ("instance", "api-0:8080"), ("check", "db")]),
            },
            new(
                "OpsKitCriticalHealthCheckUnhealthy",
                // Whether readiness fails (Readiness: Required) or only degrades (Degrade, the default for remote
                // dependencies), a critical check that is Unhealthy is an outage to page for; OpsKitNotReady adds that
                // the replica left rotation.
                $"{CheckStatus} == 0 {NotSuppressed} unless on (job, instance, check) {Critical} == 0 {NotInMaintenance}",
                "2m",
                "critical",
                "Critical health check {{ $labels.check }} on {{ $labels.instance }} is unhealthy",
                "Critical check {{ $labels.check }} of {{ $labels.job }} is Unhealthy. With Readiness Required it fails readiness (OpsKitNotReady fires too); with Degrade, the default for remote dependencies, the replica stays in rotation, degraded. Checks that depend on it are not run and do not alert.")
            {
                Test = new(
                    [($"{CheckStatus}{{{App},check=\"db\"}}", "0x20"), ($"{OverallStatus}{{{App}}}", "1x20"), ($"{Critical}{{{App},check=\"db\"}}", "1x20"), ($"{Suppressed}{{{App},check=\"db\"}}", "0x20")],
                    [
                        ($"{OverallStatus}{{{App}}}", "0x20"),
                        ($"{CheckStatus}{{{App},check=\"db.pool\"}}", "0x20"),
                        ($"{Suppressed}{{{App},check=\"db.pool\"}}", "1x20"),
                        ($"{CheckStatus}{{{App},check=\"mongo\"}}", "0x20"),
                        ($"{Critical}{{{App},check=\"mongo\"}}", "0x20"),
                    ],
                    [("job", "api"), ("instance", "api-0:8080"), ("check", "db")]),
            },
            new(
                "OpsKitNotReady",
                $"{OverallStatus} == 0 {NotInMaintenance}",
                "2m",
                "critical",
                "{{ $labels.instance }} of {{ $labels.job }} is not ready",
                "A critical health check is Unhealthy, so /health/ready answers 503 and the instance receives no traffic.")
            {
                Test = new(
                    [($"{OverallStatus}{{{App}}}", "0x20")],
                    [($"{OverallStatus}{{{App}}}", "1x20"), ($"{Maintenance}{{{App}}}", "0x20")],
                    [("job", "api"), ("instance", "api-0:8080")]),
            },
            new(
                "OpsKitTrafficRefusedLong",
                $"{TrafficRefused} == 1",
                "30m",
                "warning",
                "{{ $labels.instance }} of {{ $labels.job }} has refused traffic for 30 minutes ({{ $labels.reason }})",
                "The application refuses traffic from code (IOpsAvailability.RefuseTraffic) with reason {{ $labels.reason }}, so /health/ready answers 503; a drain or warm-up that takes this long is stuck.")
            {
                Test = new(
                    [($"{TrafficRefused}{{{App},reason=\"draining\"}}", "1x40")],
                    [($"{TrafficRefused}{{{App}}}", "0x40")],
                    [("job", "api"), ("instance", "api-0:8080"), ("reason", "draining")]),
            },
            new(
                "OpsKitHighErrorRate",
                $"sum by (job) (rate({RequestCount}{{http_response_status_code=~\"5..\"}}[5m])) / sum by (job) (rate({RequestCount}[5m])) > 0.05",
                "5m",
                "warning",
                "More than 5 % of {{ $labels.job }}'s requests fail",
                "Over the last 5 minutes more than 5 % of HTTP requests to {{ $labels.job }} answered 5xx (probes and scrapes are not counted).")
            {
                Test = new(
                    [(Requests("500"), "0+10x20"), (Requests("200"), "0+90x20")],
                    [(Requests("500"), "0+1x20"), (Requests("200"), "0+99x20")],
                    [("job", "api")]),
            },
            new(
                "OpsKitVeryHighErrorRate",
                $"sum by (job) (rate({RequestCount}{{http_response_status_code=~\"5..\"}}[5m])) / sum by (job) (rate({RequestCount}[5m])) > 0.10",
                "5m",
                "critical",
                "More than 10 % of {{ $labels.job }}'s requests fail",
                "Over the last 5 minutes more than 10 % of HTTP requests to {{ $labels.job }} answered 5xx (probes and scrapes are not counted).")
            {
                Test = new(
                    [(Requests("503"), "0+20x20"), (Requests("200"), "0+80x20")],
                    [(Requests("503"), "0+10x20"), (Requests("200"), "0+90x20")],
                    [("job", "api")]),
            },
            new(
                "OpsKitHighLatency",
                $"histogram_quantile(0.95, sum by (job, le) (rate({RequestBucket}[5m]))) > 5",
                "5m",
                "warning",
                "{{ $labels.job }} answers slowly (p95 above 5 s)",
                "The 95th percentile of HTTP request duration of {{ $labels.job }} has been above 5 seconds for 5 minutes.")
            {
                Test = new(
                    Histogram(slow: true),
                    Histogram(slow: false),
                    [("job", "api")]),
            },
            new(
                "OpsKitCertificateExpiringSoon",
                $"{CertificateExpiry} < 7 * 24 * 3600 and {CertificateExpiry} > 0",
                "1h",
                "warning",
                "Certificate {{ $labels.certificate }} on {{ $labels.instance }} expires within 7 days",
                "Renew certificate {{ $labels.certificate }} of {{ $labels.job }}: it expires in less than 7 days.")
            {
                Test = new(
                    [($"{CertificateExpiry}{{{App},certificate=\"tls\"}}", "259200x90")],
                    [($"{CertificateExpiry}{{{App},certificate=\"tls\"}}", "2592000x90")],
                    [("job", "api"), ("instance", "api-0:8080"), ("certificate", "tls")]),
            },
            new(
                "OpsKitCertificateExpired",
                $"{CertificateExpiry} <= 0",
                "1m",
                "critical",
                "Certificate {{ $labels.certificate }} on {{ $labels.instance }} has expired",
                "Certificate {{ $labels.certificate }} of {{ $labels.job }} is past its NotAfter date; TLS clients reject it.")
            {
                Test = new(
                    [($"{CertificateExpiry}{{{App},certificate=\"tls\"}}", "-3600x20")],
                    [($"{CertificateExpiry}{{{App},certificate=\"tls\"}}", "259200x20")],
                    [("job", "api"), ("instance", "api-0:8080"), ("certificate", "tls")]),
            },
            new(
                "OpsKitDiskUsageHigh",
                $"{DiskUtilization} > 0.80",
                "5m",
                "warning",
                "Disk of {{ $labels.path }} on {{ $labels.instance }} is more than 80 % full",
                "The filesystem holding {{ $labels.path }} ({{ $labels.job }}) is more than 80 % used.")
            {
                Test = new(
                    [($"{DiskUtilization}{{{App},path=\"/var/lib/app\"}}", "0.85x20")],
                    [($"{DiskUtilization}{{{App},path=\"/var/lib/app\"}}", "0.5x20")],
                    [("job", "api"), ("instance", "api-0:8080"), ("path", "/var/lib/app")]),
            },
            new(
                "OpsKitDiskUsageCritical",
                $"{DiskUtilization} > 0.90",
                "5m",
                "critical",
                "Disk of {{ $labels.path }} on {{ $labels.instance }} is more than 90 % full",
                "The filesystem holding {{ $labels.path }} ({{ $labels.job }}) is more than 90 % used; writes will fail soon.")
            {
                Test = new(
                    [($"{DiskUtilization}{{{App},path=\"/var/lib/app\"}}", "0.95x20")],
                    [($"{DiskUtilization}{{{App},path=\"/var/lib/app\"}}", "0.85x20")],
                    [("job", "api"), ("instance", "api-0:8080"), ("path", "/var/lib/app")]),
            },
            new(
                "OpsKitMemoryUsageHigh",
                $"{MemoryUtilization} > 0.90",
                "10m",
                "warning",
                "{{ $labels.instance }} uses more than 90 % of its memory limit",
                "The process of {{ $labels.job }} has used more than 90 % of its memory limit for 10 minutes.")
            {
                Test = new(
                    [($"{MemoryUtilization}{{{App}}}", "0.95x20")],
                    [($"{MemoryUtilization}{{{App}}}", "0.6x20")],
                    [("job", "api"), ("instance", "api-0:8080")]),
            },
            new(
                "OpsKitCircuitOpen",
                $"{CircuitState} == 2",
                "1m",
                "warning",
                "Circuit {{ $labels.pipeline }}/{{ $labels.endpoint }} is open on {{ $labels.instance }}",
                "Pipeline {{ $labels.pipeline }} of {{ $labels.job }} stopped calling {{ $labels.endpoint }} after repeated failures.")
            {
                Test = new(
                    [($"{CircuitState}{{{App},pipeline=\"gateway\",endpoint=\"primary\"}}", "2x20")],
                    [($"{CircuitState}{{{App},pipeline=\"gateway\",endpoint=\"primary\"}}", "0x20")],
                    [("job", "api"), ("instance", "api-0:8080"), ("pipeline", "gateway"), ("endpoint", "primary")]),
            },
            new(
                "OpsKitHealthChecksAbandoned",
                $"increase({Abandoned}[10m]) > 0",
                "5m",
                "warning",
                "Health check {{ $labels.check }} on {{ $labels.instance }} hangs past its timeout",
                "Runs of {{ $labels.check }} ({{ $labels.job }}) were abandoned at their timeout: the dependency or the check's client does not honour cancellation.")
            {
                Test = new(
                    [($"{Abandoned}{{{App},check=\"db\"}}", "0+1x20")],
                    [($"{Abandoned}{{{App},check=\"db\"}}", "1x20")],
                    [("job", "api"), ("instance", "api-0:8080"), ("check", "db")]),
            },
        ]);
}
