namespace OpsKit.Caching.Internal;

/// <summary>One reading of a cache's counters, shared by the stats endpoint, the metrics and the health check.</summary>
internal readonly record struct CacheStats(
    long Entries,
    long Size,
    long Capacity,
    long Hits,
    long Misses,
    long CapacityEvictions,
    long ExpiredEvictions,
    long RemovedEvictions,
    long ReplacedEvictions)
{
    /// <summary>Hits ÷ (hits + misses); 0 before the first request.</summary>
    public double HitRatio => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}
