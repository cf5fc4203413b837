namespace OpsKit.Health.Checks;

/// <summary>
/// Options of the process CPU check (<c>Type</c> <c>cpu</c>, default name <c>cpu</c>): the process's CPU time over
/// <see cref="Window"/> as a fraction of the processors it may use (<see cref="Environment.ProcessorCount"/>, which
/// honours container CPU limits).
/// </summary>
public sealed class ProcessCpuCheckOptions : OpsHealthCheckOptions
{
    /// <summary>Fraction of the available CPU (0–1) at which the check is Degraded. Default: 0.8.</summary>
    public double DegradedAt { get; set; } = 0.8;

    /// <summary>Fraction of the available CPU (0–1) at which the check is Unhealthy. Default: 0.95.</summary>
    public double UnhealthyAt { get; set; } = 0.95;

    /// <summary>The averaging window. Default: 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
