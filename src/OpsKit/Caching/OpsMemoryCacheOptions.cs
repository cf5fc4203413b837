namespace OpsKit.Caching;

/// <summary>
/// Options of one named OpsKit memory cache, bound from <c>OpsKit:Caching:&lt;name&gt;</c> after the code's own
/// configuration (configuration wins) and validated at start-up.
/// </summary>
public sealed class OpsMemoryCacheOptions
{
    /// <summary>The configuration section the caches bind from; each cache has a subsection named after it.</summary>
    public const string SectionName = "OpsKit:Caching";

    /// <summary>
    /// Maximum total size of the entries, in the units the entries' <c>Size</c> use (entries, bytes, …). Required:
    /// start-up fails when it is missing or not greater than zero. When an entry would exceed it, the cache compacts
    /// (evicting with reason <c>capacity</c>) and the new entry is not stored.
    /// </summary>
    public long? SizeLimit { get; set; }

    /// <summary>
    /// Size given to entries that do not set <c>Size</c> themselves, so callers who forget it get a counted entry
    /// instead of the "Cache entry must specify a value for Size when SizeLimit is set" exception. Default: 1.
    /// </summary>
    public long DefaultEntrySize { get; set; } = 1;

    /// <summary>
    /// Time to live of entries that set no expiration of their own (no absolute or sliding expiration).
    /// Default: none (entries live until evicted for capacity).
    /// </summary>
    public TimeSpan? AbsoluteExpirationRelativeToNow { get; set; }

    /// <summary>
    /// Sliding expiration of entries that set no expiration of their own. When both defaults are set, an entry gets
    /// both (it expires when idle for this long, and at the latest after <see cref="AbsoluteExpirationRelativeToNow"/>).
    /// Default: none.
    /// </summary>
    public TimeSpan? SlidingExpiration { get; set; }

    /// <summary>Minimum time between two scans for expired entries. Default: 1 minute.</summary>
    public TimeSpan ExpirationScanFrequency { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Fraction of the cache removed when it is compacted because the size limit was reached (between 0 and 1).
    /// Default: 0.05.
    /// </summary>
    public double CompactionPercentage { get; set; } = 0.05;

    /// <summary>
    /// Whether the cache is compacted when the process is short of memory: every
    /// <see cref="MemoryPressureCheckInterval"/> the process working set is compared with
    /// <see cref="MemoryPressureThreshold"/> × <see cref="MemoryLimitBytes"/>. Default: true.
    /// </summary>
    public bool CompactOnMemoryPressure { get; set; } = true;

    /// <summary>
    /// Fraction of <see cref="MemoryLimitBytes"/> at or above which the process counts as short of memory (between 0
    /// and 1). Default: 0.9.
    /// </summary>
    public double MemoryPressureThreshold { get; set; } = 0.9;

    /// <summary>
    /// Memory the process may use, in bytes. Default: none, which means the memory the .NET GC sees as available
    /// (the container limit or <c>GCHeapHardLimit</c> when set, else the machine's memory).
    /// </summary>
    public long? MemoryLimitBytes { get; set; }

    /// <summary>
    /// Fraction of the cache removed on each check that finds memory pressure (between 0 and 1); evictions count with
    /// reason <c>capacity</c>. Default: 0.25.
    /// </summary>
    public double MemoryPressureCompactionPercentage { get; set; } = 0.25;

    /// <summary>How often memory pressure is checked. Default: 5 seconds.</summary>
    public TimeSpan MemoryPressureCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Fill ratio (size ÷ <see cref="SizeLimit"/>, between 0 and 1) from which the cache's health check considers the
    /// cache at capacity. Default: 0.9 (a churning cache hovers between 1 − <see cref="CompactionPercentage"/> and full).
    /// </summary>
    public double DegradedAt { get; set; } = 0.9;

    /// <summary>
    /// Capacity evictions per second (averaged between two runs of the cache's health check) above which a cache at
    /// capacity reports Degraded: it is too small for its working set. Default: 10.
    /// </summary>
    public double DegradedEvictionRate { get; set; } = 10;
}
