namespace OpsKit.Slo;

/// <summary>Latency percentile targets of an objective (<c>OpsKit:Slo:&lt;name&gt;:Latency</c>).</summary>
public sealed class OpsSloLatencyOptions
{
    /// <summary>Median latency thresholds (<c>Latency:P50</c>). Default: none, or the preset's.</summary>
    public OpsSloLatencyTargetOptions P50 { get; set; } = new();

    /// <summary>95th percentile latency thresholds (<c>Latency:P95</c>). Default: none, or the preset's.</summary>
    public OpsSloLatencyTargetOptions P95 { get; set; } = new();

    /// <summary>99th percentile latency thresholds (<c>Latency:P99</c>). Default: none, or the preset's.</summary>
    public OpsSloLatencyTargetOptions P99 { get; set; } = new();
}
