namespace OpsKit.Caching;

/// <summary>
/// Bound of one on-disk cache directory, bound from <c>OpsKit:Caching:Disk:&lt;name&gt;</c> after the code's own
/// configuration (configuration wins) and validated at start-up. Every <see cref="SweepInterval"/> the files under
/// <see cref="Path"/> (recursively; regular files only, symbolic links are never followed) are swept: first the files
/// last written more than <see cref="MaxAge"/> ago are deleted (reason <c>expired</c>), then, while the total exceeds
/// <see cref="MaxBytes"/>, the least recently accessed files (reason <c>capacity</c>).
/// </summary>
public sealed class OpsDiskCacheBoundOptions
{
    /// <summary>The configuration section the disk-cache bounds bind from; each bound has a subsection named after it.</summary>
    public const string SectionName = "OpsKit:Caching:Disk";

    /// <summary>
    /// The cache directory. Required. A directory that does not exist (yet) is swept as empty.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// Maximum total size of the files under <see cref="Path"/>, in bytes. Required: start-up fails when it is missing
    /// or not greater than zero. A sweep that finds more deletes the least recently accessed files until the total is
    /// at most this. Access time is the file system's last access time, or the last write time when that is later:
    /// on <c>relatime</c> mounts (the Linux default) the access time is updated at most once a day, and on
    /// <c>noatime</c> mounts never, so there the order is by last write.
    /// </summary>
    public long? MaxBytes { get; set; }

    /// <summary>
    /// Files last written longer ago than this are deleted by every sweep. Default: none (no age limit).
    /// </summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Time between two sweeps (the first one runs this long after start). Default: 1 minute.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
