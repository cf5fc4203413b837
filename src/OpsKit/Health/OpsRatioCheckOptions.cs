namespace OpsKit.Health;

/// <summary>
/// Options of a check that measures a usage ratio (0–1) against two thresholds: Degraded at or above
/// <see cref="DegradedAt"/>, Unhealthy at or above <see cref="UnhealthyAt"/> when that is set. Validate them with
/// <see cref="OpsCheckOptionsValidation.Ratios(OpsRatioCheckOptions)"/>.
/// </summary>
public abstract class OpsRatioCheckOptions : OpsHealthCheckOptions
{
    /// <summary>Creates the options with the check's default thresholds.</summary>
    /// <param name="degradedAt">The default Degraded threshold (0–1).</param>
    /// <param name="unhealthyAt">The default Unhealthy threshold (0–1); null for never.</param>
    protected OpsRatioCheckOptions(double degradedAt, double? unhealthyAt = null)
    {
        DegradedAt = degradedAt;
        UnhealthyAt = unhealthyAt;
    }

    /// <summary>Usage (0–1) at or above which the check is Degraded.</summary>
    public double DegradedAt { get; set; }

    /// <summary>Usage (0–1) at or above which the check is Unhealthy; null for never.</summary>
    public double? UnhealthyAt { get; set; }
}
