using System.Runtime.InteropServices;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Caching.Internal;

namespace OpsKit.Tests.Caching;

[CollectionDefinition(nameof(MemoryPressureTests), DisableParallelization = true)]
public sealed class MemoryPressureCollection;

[Collection(nameof(MemoryPressureTests))]
public sealed class MemoryPressureTests
{
    [Fact]
    public async Task The_cache_is_compacted_when_process_memory_reaches_the_threshold()
    {
        var used = 500L;
        await using var host = await CacheHost.StartAsync(s =>
        {
            s.AddSingleton(new ProcessMemory(() => Volatile.Read(ref used), () => 1_000));
            s.AddOpsMemoryCache("products", o => { o.SizeLimit = 2_000; o.MemoryPressureThreshold = 0.8; o.MemoryPressureCompactionPercentage = 0.25; });
        });
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");
        Fill(host.Cache("products"), 1_000);

        host.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1_000, host.Stats("products").Entries);

        Volatile.Write(ref used, 800);
        host.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(750, host.Stats("products").Entries);
        await Eventually.Until(() => evictions.Read("products", "reason", "capacity") == 250, TimeSpan.FromSeconds(10), "250 capacity evictions are counted");
    }

    [Fact]
    public async Task Compaction_on_memory_pressure_can_be_turned_off()
    {
        await using var host = await CacheHost.StartAsync(s =>
        {
            s.AddSingleton(new ProcessMemory(() => 999, () => 1_000));
            s.AddOpsMemoryCache("products", o => { o.SizeLimit = 2_000; o.CompactOnMemoryPressure = false; });
        });
        Fill(host.Cache("products"), 100);

        host.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(100, host.Stats("products").Entries);
    }

    [Fact]
    public async Task Real_native_allocation_above_the_threshold_compacts_the_cache()
    {
        var workingSet = Environment.WorkingSet;
        // 0.8 × limit = current working set + 64 MB: holding 256 MB more crosses it.
        var limit = (long)((workingSet + (64L << 20)) / 0.8);
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o =>
        {
            o.SizeLimit = 2_000;
            o.MemoryLimitBytes = limit;
            o.MemoryPressureThreshold = 0.8;
            o.MemoryPressureCheckInterval = TimeSpan.FromSeconds(1);
        }));
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");
        Fill(host.Cache("products"), 1_000);
        var memory = new ProcessMemory(() => Environment.WorkingSet, () => limit);
        var compactor = new MemoryPressureCompactor(
            host.Services.GetRequiredKeyedService<OpsMemoryCache>("products"), memory, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        const int bytes = 256 << 20;
        var block = Marshal.AllocHGlobal(bytes);
        try
        {
            for (var offset = 0; offset < bytes; offset += 4096)
            {
                Marshal.WriteByte(block, offset, 1);
            }

            Assert.True(compactor.Check());
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }

        Assert.True(host.Stats("products").Entries < 1_000);
        await Eventually.Until(() => evictions.Read("products", "reason", "capacity") > 0, TimeSpan.FromSeconds(10), "capacity evictions are counted");
    }

    private static void Fill(IMemoryCache cache, int count)
    {
        for (var i = 0; i < count; i++)
        {
            cache.Set(i, i);
        }
    }
}
