using Microsoft.Extensions.Caching.Memory;
using OpsKit.Caching;
using OpsKit.Caching.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers bounded, instrumented OpsKit memory caches.
/// </summary>
public static class OpsCachingServiceCollectionExtensions
{
    /// <summary>
    /// Adds a dedicated, size-limited <see cref="IMemoryCache"/> named <paramref name="name"/>, resolved as a keyed
    /// service (<c>[FromKeyedServices("name")] IMemoryCache cache</c>). Entries that set no <c>Size</c> get
    /// <see cref="OpsMemoryCacheOptions.DefaultEntrySize"/> and entries that set no expiration get the default time to
    /// live; the cache is compacted under memory pressure, publishes the <c>opskit.cache.*</c> instruments, shows in
    /// <c>MapOpsCaches()</c> and, when the application has health checks, gets the check <c>cache.&lt;name&gt;</c>.
    /// Options from <paramref name="configure"/> are overridden by <c>OpsKit:Caching:&lt;name&gt;</c> and validated
    /// at start-up (<see cref="OpsMemoryCacheOptions.SizeLimit"/> is required). The shared <c>AddMemoryCache()</c>
    /// instance is never changed.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="name">The cache's name: <c>[a-z0-9][a-z0-9._-]*</c>, unique; it becomes the <c>cache</c> label.</param>
    /// <param name="configure">Options set in code; configuration values take precedence.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddOpsMemoryCache(this IServiceCollection services, string name, Action<OpsMemoryCacheOptions>? configure = null)
    {
        CacheCatalog<OpsMemoryCacheOptions>.Add<OpsDiskCacheBoundOptions>(services, name, "memory cache", OpsCaches.AddShared);
        var options = services.AddOptions<OpsMemoryCacheOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddKeyedSingleton(name, static (sp, key) =>
        {
            var cacheName = (string)key!;
            return new OpsMemoryCache(
                cacheName,
                sp.GetRequiredService<IOptionsMonitor<OpsMemoryCacheOptions>>().Get(cacheName),
                sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        services.AddKeyedSingleton<IMemoryCache>(name, static (sp, key) => sp.GetRequiredKeyedService<OpsMemoryCache>(key));
        services.AddKeyedSingleton(name, static (sp, key) => new CacheHealthCheck(sp.GetRequiredKeyedService<OpsMemoryCache>(key)));

        // Only takes effect when health checks are in use (AddOpsHealth or AddHealthChecks), in whichever order.
        services.Configure<HealthCheckServiceOptions>(o => o.Registrations.Add(new HealthCheckRegistration(
            CacheNames.CheckName(name),
            sp => sp.GetRequiredKeyedService<CacheHealthCheck>(name),
            failureStatus: HealthStatus.Degraded,
            tags: null)));
        return services;
    }
}
