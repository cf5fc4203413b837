namespace OpsKit.Health.Checks;

/// <summary>
/// Options of a disk space check (<c>Type</c> <c>disk</c>): how full the volume that holds <see cref="Path"/> is.
/// </summary>
public sealed class DiskSpaceCheckOptions : OpsHealthCheckOptions
{
    /// <summary>A path on the volume to watch (any file or directory on it, not a drive name). Required.</summary>
    public string? Path { get; set; }

    /// <summary>Used fraction of the volume (0–1) at which the check is Degraded. Default: 0.8.</summary>
    public double DegradedAt { get; set; } = 0.8;

    /// <summary>Used fraction of the volume (0–1) at which the check is Unhealthy. Default: 0.9.</summary>
    public double UnhealthyAt { get; set; } = 0.9;

    /// <summary>Bytes available to the process below which the check is Unhealthy, whatever the ratio. Default: none.</summary>
    public long? MinFreeBytes { get; set; }
}
