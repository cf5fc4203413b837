namespace OpsKit.Slo;

/// <summary>
/// Two-level thresholds of a ratio between 0 and 1: for <c>ErrorRate</c> the state is warning/critical when the rate
/// exceeds them; for <c>Availability</c> when the share of good requests falls below them.
/// </summary>
public sealed class OpsSloRatioOptions
{
    /// <summary>The warning threshold (0–1, e.g. 0.01 for 1 %). Default: none, or the preset's.</summary>
    public double? Warning { get; set; }

    /// <summary>The critical threshold (0–1). Default: none, or the preset's.</summary>
    public double? Critical { get; set; }
}
