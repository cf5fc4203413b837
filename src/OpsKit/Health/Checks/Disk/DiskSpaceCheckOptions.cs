namespace OpsKit.Health.Checks;

/// <summary>
/// Options of a disk space check (<c>Type</c> <c>disk</c>): how full the volume that holds <see cref="Path"/> is, as the
/// used fraction of the volume. Defaults: Degraded at 0.8, Unhealthy at 0.9.
/// </summary>
public sealed class DiskSpaceCheckOptions() : OpsRatioCheckOptions(degradedAt: 0.8, unhealthyAt: 0.9)
{
    /// <summary>A path on the volume to watch (any file or directory on it, not a drive name). Required.</summary>
    public string? Path { get; set; }

    /// <summary>Bytes available to the process below which the check is Unhealthy, whatever the ratio. Default: none.</summary>
    public long? MinFreeBytes { get; set; }
}
