using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Benchmarks.Caching;

/// <summary>
/// An OpsKit cache (<c>AddOpsMemoryCache</c>, resolved from DI as a user would) against a plain
/// <see cref="MemoryCache"/> with the same options (size limit, statistics on) in the same run. The plain cache's
/// writes set <c>Size</c> themselves, as a size-limited MemoryCache requires; the OpsKit writes rely on the default.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MemoryCacheBenchmarks
{
    private const int Keys = 1024;
    private const int Batch = 64;
    private readonly string[] _keys = [.. Enumerable.Range(0, Keys).Select(i => "product:" + i)];
    private readonly string _missing = "product:missing";
    private readonly object _value = new();
    private readonly PostEvictionCallbackRegistration _callback = new() { EvictionCallback = static (_, _, _, _) => { } };
    private ServiceProvider _services = null!;
    private IMemoryCache _ops = null!;
    private IMemoryCache _raw = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection()
            .AddOpsMemoryCache("products", o => o.SizeLimit = 100_000)
            .BuildServiceProvider();
        _ops = _services.GetRequiredKeyedService<IMemoryCache>("products");
        _raw = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100_000, TrackStatistics = true });
        foreach (var key in _keys)
        {
            _ops.Set(key, _value);
            _raw.Set(key, _value, new MemoryCacheEntryOptions { Size = 1 });
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("GetHit")]
    public int RawGetHit() => Hits(_raw);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("GetHit")]
    public int OpsGetHit() => Hits(_ops);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("GetMiss")]
    public int RawGetMiss() => Misses(_raw);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("GetMiss")]
    public int OpsGetMiss() => Misses(_ops);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Set")]
    public void RawSet()
    {
        using var entry = _raw.CreateEntry(_keys[Next()]);
        entry.Size = 1;
        entry.Value = _value;
    }

    /// <summary>What counting evictions by reason costs on a plain MemoryCache: one post-eviction callback per entry.</summary>
    [Benchmark]
    [BenchmarkCategory("Set")]
    public void RawSetWithEvictionCallback()
    {
        using var entry = _raw.CreateEntry(_keys[Next()]);
        entry.Size = 1;
        entry.Value = _value;
        entry.PostEvictionCallbacks.Add(_callback);
    }

    [Benchmark]
    [BenchmarkCategory("Set")]
    public void OpsSet()
    {
        using var entry = _ops.CreateEntry(_keys[Next()]);
        entry.Value = _value;
    }

    private int Next() => _next = (_next + 1) & (Keys - 1);

    // Batches of lookups, so the harness's per-call overhead does not hide a few nanoseconds of difference.
    private int Hits(IMemoryCache cache)
    {
        var found = 0;
        for (var i = 0; i < Batch; i++)
        {
            found += cache.TryGetValue(_keys[i], out _) ? 1 : 0;
        }

        return found;
    }

    private int Misses(IMemoryCache cache)
    {
        var found = 0;
        for (var i = 0; i < Batch; i++)
        {
            found += cache.TryGetValue(_missing, out _) ? 1 : 0;
        }

        return found;
    }
}
