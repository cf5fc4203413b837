using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace OpsKit.Caching.Internal;

/// <summary>
/// The entry handed to callers of an OpsKit cache that has default expirations. It applies the cache's defaults when
/// it is committed (<see cref="Dispose"/>), so they fill only what the caller left unset: a caller's own expiration
/// is never shortened by the default one. Caches without default expirations hand out MemoryCache's own entry.
/// </summary>
internal sealed class OpsCacheEntry(OpsMemoryCache cache, ICacheEntry inner) : ICacheEntry
{
    public object Key => inner.Key;

    public object? Value
    {
        get => inner.Value;
        set => inner.Value = value;
    }

    public DateTimeOffset? AbsoluteExpiration
    {
        get => inner.AbsoluteExpiration;
        set => inner.AbsoluteExpiration = value;
    }

    public TimeSpan? AbsoluteExpirationRelativeToNow
    {
        get => inner.AbsoluteExpirationRelativeToNow;
        set => inner.AbsoluteExpirationRelativeToNow = value;
    }

    public TimeSpan? SlidingExpiration
    {
        get => inner.SlidingExpiration;
        set => inner.SlidingExpiration = value;
    }

    public IList<IChangeToken> ExpirationTokens => inner.ExpirationTokens;

    public IList<PostEvictionCallbackRegistration> PostEvictionCallbacks => inner.PostEvictionCallbacks;

    public CacheItemPriority Priority
    {
        get => inner.Priority;
        set => inner.Priority = value;
    }

    public long? Size
    {
        get => inner.Size;
        set => inner.Size = value;
    }

    public void Dispose()
    {
        inner.Size ??= cache.DefaultEntrySize;
        if (inner.AbsoluteExpiration is null && inner.AbsoluteExpirationRelativeToNow is null && inner.SlidingExpiration is null)
        {
            if (cache.DefaultAbsoluteExpiration is { } absolute)
            {
                inner.AbsoluteExpirationRelativeToNow = absolute;
            }

            if (cache.DefaultSlidingExpiration is { } sliding)
            {
                inner.SlidingExpiration = sliding;
            }
        }

        inner.Dispose();
    }
}
