namespace OpsKit.Slo;

/// <summary>
/// One service-level objective (<c>OpsKit:Slo:&lt;name&gt;</c>): which requests it covers, its targets and how it is
/// judged. A <see cref="Preset"/> supplies targets; every key set explicitly overrides the preset's value.
/// </summary>
public sealed class OpsSloObjectiveOptions
{
    /// <summary>
    /// Target presets (docs/slo.md): <c>web-api</c> (p50 100 ms, p95 500 ms warning / 5 s critical, p99 1 s;
    /// error rate 1 % warning / 5 % critical) and <c>strict</c> (p95 200 ms warning / 500 ms critical; error rate
    /// 5 % warning / 10 % critical). Default: none.
    /// </summary>
    public string? Preset { get; set; }

    /// <summary>
    /// The route group, matched against the request metric's <c>http.route</c> (the route template, never the raw path):
    /// a prefix at a segment boundary (<c>/api</c> covers <c>/api</c> and <c>/api/orders/{id}</c>) or, when it
    /// contains <c>*</c>, a pattern where <c>*</c> matches any characters (<c>/api/*/items</c>).
    /// Default: none, the whole service (including requests that matched no route).
    /// </summary>
    public string? Route { get; set; }

    /// <summary>The sliding window the targets are judged over, between 10 s and 1 day. Default: 5 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests in the window below which targets are not judged (state stays <c>ok</c>). Default: 20.</summary>
    public int MinRequests { get; set; } = 20;

    /// <summary>Latency percentile targets (p50, p95, p99).</summary>
    public OpsSloLatencyOptions Latency { get; set; } = new();

    /// <summary>Error-rate target: the share of requests classified as errors must stay below the thresholds.</summary>
    public OpsSloRatioOptions ErrorRate { get; set; } = new();

    /// <summary>
    /// Availability target: the share of requests not classified as errors must stay at or above the thresholds
    /// (e.g. Warning 0.999, Critical 0.995). Default: none.
    /// </summary>
    public OpsSloRatioOptions Availability { get; set; } = new();

    /// <summary>Which requests count as errors. Default: 5xx and timeouts, not 4xx.</summary>
    public OpsSloErrorOptions Errors { get; set; } = new();

    /// <summary>
    /// Whether the objective adds the readiness check <c>slo.&lt;name&gt;</c> (Degraded on warning or critical).
    /// Default: <see langword="false"/> (the SLO is reported, readiness is unchanged).
    /// </summary>
    public bool AffectsReadiness { get; set; }

    /// <summary>
    /// With <see cref="AffectsReadiness"/>, whether a critical state makes the service unready (the check is
    /// Unhealthy and critical). Default: <see langword="false"/>.
    /// </summary>
    public bool CriticalMakesUnready { get; set; }
}
