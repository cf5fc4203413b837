using Microsoft.Extensions.Logging;

namespace OpsKit.Caching.Internal;

internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Warning, "Cache {Cache} compacted on memory pressure: process uses {UsedBytes} of {LimitBytes} bytes; entries {Before} -> {After}")]
    public static partial void CompactedOnMemoryPressure(ILogger logger, string cache, long usedBytes, long limitBytes, int before, int after);

    [LoggerMessage(102, LogLevel.Warning, "Cache {Cache} cleared through the caches endpoint ({Entries} entries)")]
    public static partial void Cleared(ILogger logger, string cache, int entries);
}
