namespace OpsKit.Caching.Internal;

internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Warning, "Cache {Cache} compacted on memory pressure: process uses {UsedBytes} of {LimitBytes} bytes; entries {Before} -> {After}")]
    public static partial void CompactedOnMemoryPressure(ILogger logger, string cache, long usedBytes, long limitBytes, int before, int after);

    [LoggerMessage(102, LogLevel.Warning, "Cache {Cache} cleared through the caches endpoint ({Entries} entries)")]
    public static partial void Cleared(ILogger logger, string cache, int entries);

    [LoggerMessage(103, LogLevel.Information, "Disk cache {Cache} swept: {Expired} expired and {Capacity} least recently accessed files deleted, {Skipped} could not be deleted; {Bytes} of {MaxBytes} bytes left")]
    public static partial void DiskCacheSwept(ILogger logger, string cache, int expired, int capacity, int skipped, long bytes, long maxBytes);

    [LoggerMessage(104, LogLevel.Debug, "Disk cache {Cache}: a file could not be deleted ({Error}); skipped")]
    public static partial void DiskCacheFileNotDeleted(ILogger logger, string cache, string error);

    [LoggerMessage(105, LogLevel.Warning, "Disk cache {Cache}: walking the directory failed ({Error}); the sweep used the files found so far")]
    public static partial void DiskCacheWalkFailed(ILogger logger, string cache, string error);
}
