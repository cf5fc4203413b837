namespace OpsKit.Caching.Internal;

/// <summary>Every disk-cache bound of the application, created on first use (start-up creates them all).</summary>
internal sealed class DiskCaches(IServiceProvider services, DiskCacheCatalog catalog)
{
    private readonly Lazy<IReadOnlyList<DiskCacheSweeper>> _all = new(() =>
    {
        var options = services.GetRequiredService<IOptionsMonitor<OpsDiskCacheBoundOptions>>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var deleter = services.GetService<DiskCacheFileDeleter>() ?? DiskCacheFileDeleter.System;
        var logger = services.GetRequiredService<ILogger<DiskCacheSweeper>>();
        return [.. catalog.Names.Select(name => new DiskCacheSweeper(name, options.Get(name), time, deleter, logger))];
    });

    public IReadOnlyList<DiskCacheSweeper> All => _all.Value;

    public DiskCacheSweeper? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
