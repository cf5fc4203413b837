using OpsKit.Caching;
using OpsKit.Caching.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers bounds for on-disk cache directories.
/// </summary>
public static class OpsDiskCacheServiceCollectionExtensions
{
    /// <summary>
    /// Bounds the cache directory <paramref name="directory"/>: every <see cref="OpsDiskCacheBoundOptions.SweepInterval"/>
    /// a background sweep deletes the files last written longer ago than <see cref="OpsDiskCacheBoundOptions.MaxAge"/>
    /// (reason <c>expired</c>), then the least recently accessed files while the total exceeds
    /// <see cref="OpsDiskCacheBoundOptions.MaxBytes"/> (reason <c>capacity</c>). Only regular files under the
    /// directory count (recursively); symbolic links are never followed. Publishes <c>opskit.cache.evictions</c>,
    /// <c>opskit.cache.entries</c> (files), <c>opskit.cache.disk.usage</c> (bytes) and <c>opskit.cache.disk.limit</c>
    /// (<c>MaxBytes</c>) with the label <c>cache</c> = <paramref name="name"/>. Options from
    /// <paramref name="configure"/> are overridden by <c>OpsKit:Caching:Disk:&lt;name&gt;</c> and validated at start-up
    /// (<see cref="OpsDiskCacheBoundOptions.MaxBytes"/> is required).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="name">
    /// The bound's name: <c>[a-z0-9][a-z0-9._-]*</c>, unique among disk and memory caches; it becomes the <c>cache</c> label.
    /// </param>
    /// <param name="directory">The cache directory (<see cref="OpsDiskCacheBoundOptions.Path"/>); configuration may override it.</param>
    /// <param name="configure">Options set in code; configuration values take precedence.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddOpsDiskCacheBound(
        this IServiceCollection services,
        string name,
        string? directory,
        Action<OpsDiskCacheBoundOptions>? configure = null)
    {
        CacheCatalog<OpsDiskCacheBoundOptions>.Add<OpsMemoryCacheOptions>(services, name, "disk cache bound", DiskCaches.AddShared);
        services.AddOptions<OpsDiskCacheBoundOptions>(name).Configure(o =>
        {
            o.Path = directory;
            configure?.Invoke(o);
        });
        return services;
    }
}
