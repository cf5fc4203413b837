using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Tests.Caching;

public sealed class CacheEvictionMetricsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Entries_refused_or_compacted_for_capacity_count_as_capacity()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 10));
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");
        var cache = host.Cache("products");

        for (var i = 0; i < 20; i++)
        {
            cache.Set(i, i);
        }

        await Eventually.Until(() => evictions.Read("products", "reason", "capacity") >= 10, Wait, "capacity evictions are counted");
        Assert.Equal(0, evictions.Read("products", "reason", "expired"));
        Assert.Equal(0, evictions.Read("products", "reason", "removed"));
        Assert.Equal(0, evictions.Read("products", "reason", "replaced"));
    }

    [Fact]
    public async Task Expired_entries_count_as_expired()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => { o.SizeLimit = 10; o.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30); }));
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");
        var cache = host.Cache("products");
        cache.Set("a", 1);
        cache.Set("b", 2);

        host.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.False(cache.TryGetValue("a", out _));
        Assert.False(cache.TryGetValue("b", out _));

        await Eventually.Until(() => evictions.Read("products", "reason", "expired") == 2, Wait, "two expirations are counted");
        Assert.Equal(0, evictions.Read("products", "reason", "capacity"));
    }

    [Fact]
    public async Task Removed_entries_count_as_removed()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 10));
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");
        var cache = host.Cache("products");
        cache.Set("a", 1);

        cache.Remove("a");

        await Eventually.Until(() => evictions.Read("products", "reason", "removed") == 1, Wait, "the removal is counted");
    }

    [Fact]
    public async Task Overwritten_entries_count_as_replaced()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 10));
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");
        var cache = host.Cache("products");
        cache.Set("a", 1);

        cache.Set("a", 2);
        cache.Set("a", 3);

        await Eventually.Until(() => evictions.Read("products", "reason", "replaced") == 2, Wait, "two replacements are counted");
        Assert.Equal(3, cache.Get<int>("a"));
    }

    [Fact]
    public async Task Gauges_show_entries_size_and_capacity()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => { o.SizeLimit = 50; o.DefaultEntrySize = 2; }));
        using var entries = new CacheMetricsReader(host.Services, "opskit.cache.entries");
        using var size = new CacheMetricsReader(host.Services, "opskit.cache.memory.usage");
        using var capacity = new CacheMetricsReader(host.Services, "opskit.cache.memory.limit");
        var cache = host.Cache("products");

        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.Set("c", 3);

        Assert.Equal(3, entries.Read("products"));
        Assert.Equal(6, size.Read("products"));
        Assert.Equal(50, capacity.Read("products"));
    }
}
