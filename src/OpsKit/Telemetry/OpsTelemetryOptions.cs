namespace OpsKit.Telemetry;

/// <summary>
/// Options of OpsKit's OpenTelemetry set-up, bound from the <c>OpsKit:Telemetry</c> configuration section after
/// code configuration (configuration wins) and validated at start-up.
/// </summary>
public sealed class OpsTelemetryOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "OpsKit:Telemetry";

    /// <summary>
    /// The <c>service.name</c> resource attribute (the <c>job</c>-like name in <c>target_info</c> and OTLP backends).
    /// Default: none, which falls back to <c>OTEL_SERVICE_NAME</c>, then to the application name.
    /// </summary>
    public string? ServiceName { get; set; }

    /// <summary>Path of the Prometheus scraping endpoint mapped by <c>MapOpsMetrics()</c>. Default: <c>/metrics</c>.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// Explicit histogram bucket boundaries per instrument name (for example
    /// <c>OpsKit:Telemetry:HistogramBuckets:http.server.request.duration</c>), strictly increasing, in the instrument's
    /// unit. Default: empty, and an instrument not listed here keeps OpsKit's default:
    /// OpenTelemetry's recommended 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10 seconds for
    /// <c>http.server.request.duration</c> and <c>http.client.request.duration</c>; 0.005 to 10 seconds for <c>opskit.health.check.duration</c>;
    /// the instrument's own advice otherwise.
    /// </summary>
    public IDictionary<string, double[]> HistogramBuckets { get; set; } =
        new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Leaves health probe and scrape requests out of traces and leaves scrapes out of the HTTP server metrics
    /// (the health endpoints always opt out of HTTP server metrics). Default: <see langword="true"/>.
    /// </summary>
    public bool ExcludeProbeTraffic { get; set; } = true;
}
