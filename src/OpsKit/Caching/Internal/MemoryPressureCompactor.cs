namespace OpsKit.Caching.Internal;

/// <summary>
/// Compacts one cache when the process is short of memory: on every tick, if the memory in use reaches
/// <c>MemoryPressureThreshold</c> × the limit, <c>MemoryPressureCompactionPercentage</c> of the cache is removed
/// (evictions count with reason <c>capacity</c>). Repeats on the next tick while the pressure lasts.
/// </summary>
internal sealed class MemoryPressureCompactor(OpsMemoryCache cache, ProcessMemory memory, ILogger logger) : IDisposable
{
    private ITimer? _timer;

    public void Start()
    {
        var interval = cache.Options.MemoryPressureCheckInterval;
        _timer = cache.Time.CreateTimer(static state => ((MemoryPressureCompactor)state!).Check(), this, interval, interval);
    }

    public bool Check()
    {
        var options = cache.Options;
        var limit = options.MemoryLimitBytes ?? memory.Available;
        var used = memory.Used;
        if (limit <= 0 || used < options.MemoryPressureThreshold * limit)
        {
            return false;
        }

        var entries = cache.Inner.Count;
        cache.Compact(options.MemoryPressureCompactionPercentage);
        Log.CompactedOnMemoryPressure(logger, cache.Name, used, limit, entries, cache.Inner.Count);
        return true;
    }

    public void Dispose() => _timer?.Dispose();
}
