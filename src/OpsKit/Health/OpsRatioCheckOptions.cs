namespace OpsKit.Health;

/// <summary>
/// Options of a check that measures a usage ratio (0–1) against two thresholds: Degraded at or above
/// <see cref="DegradedAt"/>, Unhealthy at or above <see cref="UnhealthyAt"/> when that is set. Validate them with
/// <see cref="OpsCheckOptionsValidation.Ratios(OpsRatioCheckOptions)"/>.
/// </summary>
public abstract class OpsRatioCheckOptions : OpsHealthCheckOptions
{
    /// <summary>Creates the options with the check's default <see cref="DegradedAt"/>.</summary>
    /// <param name="degradedAt">The default Degraded threshold (0–1).</param>
    protected OpsRatioCheckOptions(double degradedAt) => DegradedAt = degradedAt;

    /// <summary>Usage (0–1) at or above which the check is Degraded.</summary>
    public double DegradedAt { get; set; }

    /// <summary>Usage (0–1) at or above which the check is Unhealthy; null for never. Default: null.</summary>
    public double? UnhealthyAt { get; set; }
}
