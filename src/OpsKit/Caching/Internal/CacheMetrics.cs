using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>
/// The <c>opskit.cache.*</c> instruments. All are observed from the caches' own counters when a collector asks, so
/// the request path pays nothing for them and the stats endpoint and the metrics read the same numbers.
/// </summary>
internal sealed class CacheMetrics
{
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
        m.CreateObservableCounter(InstrumentNames.CacheRequests, ObserveRequests, description: "Lookups in an OpsKit cache, by result (hit or miss).");
        m.CreateObservableCounter(InstrumentNames.CacheEvictions, ObserveEvictions, description: "Entries evicted from an OpsKit cache, by reason (capacity, expired, removed, replaced).");
        m.CreateObservableGauge(InstrumentNames.CacheEntries, () => Observe(static s => s.Entries, static d => d.Files), InstrumentNames.Units.Entries, "Entries in an OpsKit cache (files of a disk cache).");
        // A memory cache counts in the units of its SizeLimit, a disk cache in bytes: one instrument per unit.
        m.CreateObservableGauge(InstrumentNames.CacheMemoryUsage, () => ObserveMemory(static s => s.Size), InstrumentNames.Units.SizeUnits, "Total size of the entries of an OpsKit memory cache, in the units of its SizeLimit.");
        m.CreateObservableGauge(InstrumentNames.CacheMemoryLimit, () => ObserveMemory(static s => s.Capacity), InstrumentNames.Units.SizeUnits, "SizeLimit of an OpsKit memory cache.");
        m.CreateObservableGauge(InstrumentNames.CacheDiskUsage, () => ObserveDisk(static d => d.Bytes), InstrumentNames.Units.Bytes, "Bytes of the files of an OpsKit disk cache, as of its last sweep.");
        m.CreateObservableGauge(InstrumentNames.CacheDiskLimit, () => ObserveDisk(static d => d.Options.MaxBytes ?? 0), InstrumentNames.Units.Bytes, "MaxBytes of an OpsKit disk cache.");
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
        public KeyValuePair<string, object?>[] Cache { get; } = [new(InstrumentNames.Labels.Cache, name)];

        public KeyValuePair<string, object?>[] Hit { get; } = Pair(name, InstrumentNames.Labels.Result, "hit");

        public KeyValuePair<string, object?>[] Miss { get; } = Pair(name, InstrumentNames.Labels.Result, "miss");

        public KeyValuePair<string, object?>[] Capacity { get; } = Pair(name, InstrumentNames.Labels.Reason, "capacity");

        public KeyValuePair<string, object?>[] Expired { get; } = Pair(name, InstrumentNames.Labels.Reason, "expired");

        public KeyValuePair<string, object?>[] Removed { get; } = Pair(name, InstrumentNames.Labels.Reason, "removed");

        public KeyValuePair<string, object?>[] Replaced { get; } = Pair(name, InstrumentNames.Labels.Reason, "replaced");

        private static KeyValuePair<string, object?>[] Pair(string name, string key, string value) =>
            [new(InstrumentNames.Labels.Cache, name), new(key, value)];
    }
}
