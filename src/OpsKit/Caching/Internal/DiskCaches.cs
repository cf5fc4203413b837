using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>Every disk-cache bound of the application, created on first use (start-up creates them all).</summary>
internal sealed class DiskCaches(IServiceProvider services, CacheCatalog<OpsDiskCacheBoundOptions> catalog)
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

    /// <summary>What every disk-cache bound shares, registered with the first one.</summary>
    public static void AddShared(IServiceCollection services)
    {
        services.TryAddOpsKitMeter();
        services.AddOpsSection<OpsDiskCacheBoundOptions>(OpsDiskCacheBoundOptions.SectionName + ":*", " of a disk cache bound");
        services.AddSingleton<IValidateOptions<OpsDiskCacheBoundOptions>, OpsDiskCacheBoundOptionsValidator>();
        services.TryAddSingleton<DiskCaches>();
        services.TryAddSingleton<CacheMetrics>();
        services.AddOpsStartupValidator<DiskCachesHostedService>();
    }
}
