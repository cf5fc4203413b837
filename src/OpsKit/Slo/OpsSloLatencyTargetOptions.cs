namespace OpsKit.Slo;

/// <summary>Thresholds of one latency percentile: the state is warning/critical when the percentile reaches them.</summary>
public sealed class OpsSloLatencyTargetOptions
{
    /// <summary>The percentile at or above this is <c>warning</c>. Default: none, or the preset's.</summary>
    public TimeSpan? Warning { get; set; }

    /// <summary>The percentile at or above this is <c>critical</c>. Default: none, or the preset's.</summary>
    public TimeSpan? Critical { get; set; }
}
