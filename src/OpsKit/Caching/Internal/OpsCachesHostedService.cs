namespace OpsKit.Caching.Internal;

/// <summary>Validates the memory caches' options at start-up, then creates the caches and starts memory-pressure compaction.</summary>
internal sealed class OpsCachesHostedService(IServiceProvider services, ILogger<OpsCachesHostedService> logger)
    : CachesHostedService<OpsMemoryCacheOptions>(services, OpsMemoryCacheOptions.SectionName)
{
    protected override bool IsReservedKey(string key) =>
        string.Equals(key, CacheNames.PolicyKey, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, CacheNames.DiskKey, StringComparison.OrdinalIgnoreCase);

    protected override string UnknownName(string key) => $"no cache named '{key}' is registered (AddOpsMemoryCache).";

    protected override IReadOnlyList<IDisposable> Start(IServiceProvider services)
    {
        var memory = services.GetService<ProcessMemory>() ?? ProcessMemory.System;
        var compactors = new List<IDisposable>();
        foreach (var cache in services.GetRequiredService<OpsCaches>().All)
        {
            if (cache.Options.CompactOnMemoryPressure)
            {
                var compactor = new MemoryPressureCompactor(cache, memory, logger);
                compactors.Add(compactor);
                compactor.Start();
            }
        }

        return compactors;
    }
}
