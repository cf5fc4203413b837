using OpsKit.Hosting;

namespace OpsKit.Caching.Internal;

/// <summary>
/// The <c>opskit.cache.*</c> instruments. All are observed from the caches' own counters when a collector asks, so
/// the request path pays nothing for them and the stats endpoint and the metrics read the same numbers.
/// </summary>
internal sealed class CacheMetrics
{
    /// <summary>Entries of a cache (files of a disk cache); braces keep the annotation out of Prometheus names.</summary>
    internal const string EntryUnit = "{entry}";

    /// <summary>The size units a memory cache's <c>SizeLimit</c> counts in, which the app chooses.</summary>
    internal const string SizeUnit = "{size_unit}";

    private const string CacheLabel = "cache";

    private readonly IReadOnlyList<OpsMemoryCache> _caches;
    private readonly IReadOnlyList<DiskCacheSweeper> _disks;
    private readonly Dictionary<string, Tags> _tags = new(StringComparer.Ordinal);

    /// <summary>Either kind of cache may be absent: the memory caches and the disk-cache bounds share these instruments.</summary>
    public CacheMetrics(OpsKitMeter meter, OpsCaches? caches = null, DiskCaches? disks = null)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _caches = caches?.All ?? [];
        _disks = disks?.All ?? [];
        foreach (var name in _caches.Select(static c => c.Name).Concat(_disks.Select(static d => d.Name)))
        {
            _tags[name] = new Tags(name);
        }

        var m = meter.Meter;
        m.CreateObservableCounter("opskit.cache.requests", ObserveRequests, description: "Lookups in an OpsKit cache, by result (hit or miss).");
        m.CreateObservableCounter("opskit.cache.evictions", ObserveEvictions, description: "Entries evicted from an OpsKit cache, by reason (capacity, expired, removed, replaced).");
        m.CreateObservableGauge("opskit.cache.entries", () => Observe(static s => s.Entries, static d => d.Files), EntryUnit, "Entries in an OpsKit cache (files of a disk cache).");
        // A memory cache counts in the units of its SizeLimit, a disk cache in bytes: one instrument per unit.
        m.CreateObservableGauge("opskit.cache.memory.usage", () => ObserveMemory(static s => s.Size), SizeUnit, "Total size of the entries of an OpsKit memory cache, in the units of its SizeLimit.");
        m.CreateObservableGauge("opskit.cache.memory.limit", () => ObserveMemory(static s => s.Capacity), SizeUnit, "SizeLimit of an OpsKit memory cache.");
        m.CreateObservableGauge("opskit.cache.disk.usage", () => ObserveDisk(static d => d.Bytes), InstrumentUnits.Bytes, "Bytes of the files of an OpsKit disk cache, as of its last sweep.");
        m.CreateObservableGauge("opskit.cache.disk.limit", () => ObserveDisk(static d => d.Options.MaxBytes ?? 0), InstrumentUnits.Bytes, "MaxBytes of an OpsKit disk cache.");
    }

    private IEnumerable<Measurement<long>> ObserveRequests()
    {
        foreach (var cache in _caches)
        {
            var stats = cache.GetStats();
            var tags = _tags[cache.Name];
            yield return new Measurement<long>(stats.Hits, tags.Hit);
            yield return new Measurement<long>(stats.Misses, tags.Miss);
        }
    }

    private IEnumerable<Measurement<long>> ObserveEvictions()
    {
        foreach (var cache in _caches)
        {
            var tags = _tags[cache.Name];
            yield return new Measurement<long>(cache.CapacityEvictions, tags.Capacity);
            yield return new Measurement<long>(cache.ExpiredEvictions, tags.Expired);
            yield return new Measurement<long>(cache.RemovedEvictions, tags.Removed);
            yield return new Measurement<long>(cache.ReplacedEvictions, tags.Replaced);
        }

        foreach (var disk in _disks)
        {
            var tags = _tags[disk.Name];
            yield return new Measurement<long>(disk.CapacityEvictions, tags.Capacity);
            yield return new Measurement<long>(disk.ExpiredEvictions, tags.Expired);
        }
    }

    private IEnumerable<Measurement<long>> Observe(Func<CacheStats, long> read, Func<DiskCacheSweeper, long> readDisk) =>
        ObserveMemory(read).Concat(ObserveDisk(readDisk));

    private IEnumerable<Measurement<long>> ObserveMemory(Func<CacheStats, long> read)
    {
        foreach (var cache in _caches)
        {
            yield return new Measurement<long>(read(cache.GetStats()), _tags[cache.Name].Cache);
        }
    }

    private IEnumerable<Measurement<long>> ObserveDisk(Func<DiskCacheSweeper, long> read)
    {
        foreach (var disk in _disks)
        {
            yield return new Measurement<long>(read(disk), _tags[disk.Name].Cache);
        }
    }

    /// <summary>Label sets built once per cache.</summary>
    private sealed class Tags(string name)
    {
        public KeyValuePair<string, object?>[] Cache { get; } = [new(CacheLabel, name)];

        public KeyValuePair<string, object?>[] Hit { get; } = Pair(name, "result", "hit");

        public KeyValuePair<string, object?>[] Miss { get; } = Pair(name, "result", "miss");

        public KeyValuePair<string, object?>[] Capacity { get; } = Pair(name, "reason", "capacity");

        public KeyValuePair<string, object?>[] Expired { get; } = Pair(name, "reason", "expired");

        public KeyValuePair<string, object?>[] Removed { get; } = Pair(name, "reason", "removed");

        public KeyValuePair<string, object?>[] Replaced { get; } = Pair(name, "reason", "replaced");

        private static KeyValuePair<string, object?>[] Pair(string name, string key, string value) =>
            [new(CacheLabel, name), new(key, value)];
    }
}
