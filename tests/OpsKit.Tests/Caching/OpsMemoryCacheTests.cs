using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpsKit.Tests.Caching;

public sealed class OpsMemoryCacheTests
{
    [Fact]
    public async Task Entries_without_a_size_count_as_the_default_entry_size()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => { o.SizeLimit = 100; o.DefaultEntrySize = 5; }));
        var cache = host.Cache("products");

        cache.Set("a", "apple");
        cache.GetOrCreate("b", _ => "banana");

        Assert.Equal("apple", cache.Get<string>("a"));
        Assert.Equal(10, host.Stats("products").Size);
    }

    [Fact]
    public async Task An_entry_size_set_by_the_caller_wins_over_the_default()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 100));

        host.Cache("products").Set("a", "apple", new MemoryCacheEntryOptions { Size = 7 });

        Assert.Equal(7, host.Stats("products").Size);
    }

    [Fact]
    public async Task Capacity_is_respected_under_concurrent_writers()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 100));
        var cache = host.Cache("products");
        var maxSeen = 0L;
        using var done = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            do
            {
                maxSeen = Math.Max(maxSeen, host.Stats("products").Size);
            }
            while (!done.IsCancellationRequested);
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                cache.Set($"{writer}:{i}", i);
            }
        })));
        await done.CancelAsync();
        await watcher;

        var stats = host.Stats("products");
        Assert.InRange(stats.Size, 1, 100);
        Assert.InRange(stats.Entries, 1, 100);
        Assert.InRange(maxSeen, 0, 100);
    }

    [Fact]
    public async Task Entries_expire_after_the_default_time_to_live()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => { o.SizeLimit = 100; o.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2); }));
        var cache = host.Cache("products");
        cache.Set("a", "apple");

        host.Time.Advance(TimeSpan.FromSeconds(119));
        Assert.True(cache.TryGetValue("a", out _));

        host.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cache.TryGetValue("a", out _));
    }

    [Fact]
    public async Task Sliding_default_keeps_entries_that_are_read()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => { o.SizeLimit = 100; o.SlidingExpiration = TimeSpan.FromMinutes(1); }));
        var cache = host.Cache("products");
        cache.Set("a", "apple");

        for (var i = 0; i < 5; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(50));
            Assert.True(cache.TryGetValue("a", out _));
        }

        host.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.False(cache.TryGetValue("a", out _));
    }

    [Fact]
    public async Task A_callers_own_expiration_is_not_shortened_by_the_default()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => { o.SizeLimit = 100; o.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2); }));
        var cache = host.Cache("products");
        cache.Set("a", "apple", host.Time.GetUtcNow().AddMinutes(10));

        host.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(cache.TryGetValue("a", out _));
    }

    [Fact]
    public async Task The_shared_AddMemoryCache_instance_is_untouched()
    {
        await using var host = await CacheHost.StartAsync(s =>
        {
            s.AddMemoryCache();
            s.AddOpsMemoryCache("products", o => o.SizeLimit = 1);
        });

        var shared = host.Services.GetRequiredService<IMemoryCache>();
        Assert.NotSame(shared, host.Cache("products"));
        Assert.Null(host.Services.GetRequiredService<IOptions<MemoryCacheOptions>>().Value.SizeLimit);

        // A library writing without Size into the shared cache must keep working.
        shared.Set("lib-key", "value");
        Assert.Equal("value", shared.Get<string>("lib-key"));
        Assert.False(host.Cache("products").TryGetValue("lib-key", out _));
    }

    [Fact]
    public async Task Each_name_gets_its_own_cache()
    {
        await using var host = await CacheHost.StartAsync(s =>
        {
            s.AddOpsMemoryCache("products", o => o.SizeLimit = 10);
            s.AddOpsMemoryCache("users", o => o.SizeLimit = 20);
        });

        host.Cache("products").Set("a", 1);

        Assert.False(host.Cache("users").TryGetValue("a", out _));
        Assert.Equal(20, host.Stats("users").Capacity);
    }

    [Theory]
    [InlineData("Products")]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("policy")]
    public void Invalid_cache_names_are_refused_at_registration(string name)
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentException>(() => services.AddOpsMemoryCache(name, o => o.SizeLimit = 1));
    }

    [Fact]
    public void A_cache_name_registered_twice_is_refused()
    {
        var services = new ServiceCollection().AddOpsMemoryCache("products", o => o.SizeLimit = 1);
        var ex = Assert.Throws<ArgumentException>(() => services.AddOpsMemoryCache("products"));
        Assert.Contains("'products' is already registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hit_allocates_nothing()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 100));
        var cache = host.Cache("products");
        cache.Set("a", "apple");
        Assert.True(cache.TryGetValue("a", out _));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            cache.TryGetValue("a", out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_001, host.Stats("products").Hits);
    }
}
