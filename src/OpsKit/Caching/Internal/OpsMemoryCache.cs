using Microsoft.Extensions.Caching.Memory;

namespace OpsKit.Caching.Internal;

/// <summary>
/// One named OpsKit cache: a size-limited <see cref="MemoryCache"/> with statistics on, plus what OpsKit adds only
/// where an entry is written (default size and time to live, one shared eviction callback that counts evictions by
/// reason). Reads go straight to <see cref="MemoryCache.TryGetValue(object, out object?)"/>: hits and misses come
/// from <see cref="MemoryCache.GetCurrentStatistics"/>, so a hit costs no more than on a plain MemoryCache.
/// </summary>
internal sealed class OpsMemoryCache : IMemoryCache
{
    private readonly MemoryCache _cache;
    private readonly PostEvictionCallbackRegistration _evicted;
    private readonly bool _hasDefaultExpiration;
    private long _capacity;
    private long _expired;
    private long _removed;
    private long _replaced;

    public OpsMemoryCache(string name, OpsMemoryCacheOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Name = name;
        Options = options;
        Time = time;
        Capacity = options.SizeLimit ?? throw new ArgumentException("SizeLimit is required.", nameof(options));
        DefaultEntrySize = options.DefaultEntrySize;
        DefaultAbsoluteExpiration = options.AbsoluteExpirationRelativeToNow;
        DefaultSlidingExpiration = options.SlidingExpiration;
        _hasDefaultExpiration = DefaultAbsoluteExpiration is not null || DefaultSlidingExpiration is not null;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = Capacity,
            ExpirationScanFrequency = options.ExpirationScanFrequency,
            CompactionPercentage = options.CompactionPercentage,
            TrackStatistics = true,
            // MemoryCache 10 takes only the obsolete ISystemClock; without one it reads the system clock directly,
            // which is what a plain MemoryCache does, so the adapter is used only for a non-system TimeProvider.
            Clock = ReferenceEquals(time, TimeProvider.System) ? null : new TimeProviderClock(time),
        });
        _evicted = new PostEvictionCallbackRegistration
        {
            EvictionCallback = static (_, _, reason, state) => ((OpsMemoryCache)state!).Count(reason),
            State = this,
        };
    }

    public string Name { get; }

    public OpsMemoryCacheOptions Options { get; }

    public TimeProvider Time { get; }

    public long Capacity { get; }

    public long DefaultEntrySize { get; }

    public TimeSpan? DefaultAbsoluteExpiration { get; }

    public TimeSpan? DefaultSlidingExpiration { get; }

    public MemoryCache Inner => _cache;

    public long CapacityEvictions => Volatile.Read(ref _capacity);

    public long ExpiredEvictions => Volatile.Read(ref _expired);

    public long RemovedEvictions => Volatile.Read(ref _removed);

    public long ReplacedEvictions => Volatile.Read(ref _replaced);

    public bool TryGetValue(object key, out object? value) => _cache.TryGetValue(key, out value);

    public ICacheEntry CreateEntry(object key)
    {
        var entry = _cache.CreateEntry(key);
        entry.PostEvictionCallbacks.Add(_evicted);
        if (_hasDefaultExpiration)
        {
            // Expiration defaults can only be applied once the caller is done (they fill what it left unset).
            return new OpsCacheEntry(this, entry);
        }

        // Without expiration defaults the entry goes back as is: the caller's Size, if any, replaces this one.
        entry.Size = DefaultEntrySize;
        return entry;
    }

    public void Remove(object key) => _cache.Remove(key);

    /// <summary>Removes every entry; each counts as an eviction with reason <c>removed</c>.</summary>
    public int Clear()
    {
        var count = _cache.Count;
        _cache.Clear();
        return count;
    }

    /// <summary>Removes <paramref name="percentage"/> of the entries (expired first, then by priority and age).</summary>
    public void Compact(double percentage) => _cache.Compact(percentage);

    public CacheStats GetStats()
    {
        var statistics = _cache.GetCurrentStatistics();
        return new CacheStats(
            statistics?.CurrentEntryCount ?? _cache.Count,
            statistics?.CurrentEstimatedSize ?? 0,
            Capacity,
            statistics?.TotalHits ?? 0,
            statistics?.TotalMisses ?? 0,
            CapacityEvictions,
            ExpiredEvictions,
            RemovedEvictions,
            ReplacedEvictions);
    }

    public void Dispose() => _cache.Dispose();

    private void Count(EvictionReason reason)
    {
        switch (reason)
        {
            case EvictionReason.Capacity:
                Interlocked.Increment(ref _capacity);
                break;
            case EvictionReason.Expired:
            case EvictionReason.TokenExpired:
                Interlocked.Increment(ref _expired);
                break;
            case EvictionReason.Removed:
                Interlocked.Increment(ref _removed);
                break;
            case EvictionReason.Replaced:
                Interlocked.Increment(ref _replaced);
                break;
            default:
                break;
        }
    }
}
