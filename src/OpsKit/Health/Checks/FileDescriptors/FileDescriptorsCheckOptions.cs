namespace OpsKit.Health.Checks;

/// <summary>
/// Options of the file descriptor check (<c>Type</c> <c>filedescriptors</c>, default name <c>filedescriptors</c>):
/// open descriptors of the process as a fraction of its soft <c>RLIMIT_NOFILE</c> (Linux).
/// </summary>
public sealed class FileDescriptorsCheckOptions : OpsHealthCheckOptions
{
    /// <summary>Fraction of the limit (0–1) at which the check is Degraded. Default: 0.8.</summary>
    public double DegradedAt { get; set; } = 0.8;

    /// <summary>Fraction of the limit (0–1) at which the check is Unhealthy. Default: 0.95.</summary>
    public double UnhealthyAt { get; set; } = 0.95;
}
