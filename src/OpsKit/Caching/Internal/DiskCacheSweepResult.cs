namespace OpsKit.Caching.Internal;

/// <summary>What one sweep of a cache directory did, and what it left.</summary>
internal readonly record struct DiskCacheSweepResult(int Expired, int Capacity, int Skipped, long Bytes, long Files);
