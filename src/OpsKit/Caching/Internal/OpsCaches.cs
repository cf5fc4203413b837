using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>Every named cache of the application, created on first use (start-up creates them all).</summary>
internal sealed class OpsCaches(IServiceProvider services, CacheCatalog<OpsMemoryCacheOptions> catalog)
{
    private readonly Lazy<IReadOnlyList<OpsMemoryCache>> _all = new(
        () => [.. catalog.Names.Select(name => services.GetRequiredKeyedService<OpsMemoryCache>(name))]);

    public IReadOnlyList<OpsMemoryCache> All => _all.Value;

    public OpsMemoryCache? Find(string name) =>
        catalog.Names.Contains(name, StringComparer.Ordinal) ? services.GetRequiredKeyedService<OpsMemoryCache>(name) : null;

    /// <summary>What every memory cache shares, registered with the first one.</summary>
    public static void AddShared(IServiceCollection services)
    {
        services.TryAddOpsKitMeter();
        services.AddOpsSection<OpsMemoryCacheOptions>(OpsMemoryCacheOptions.SectionName + ":*", " of a cache");
        services.AddOpsConfigurationSection(new OpsConfigurationSection(OpsMemoryCacheOptions.SectionName + ":" + CacheNames.PolicyKey, null));
        services.AddSingleton<IValidateOptions<OpsMemoryCacheOptions>, OpsMemoryCacheOptionsValidator>();
        services.TryAddSingleton<OpsCaches>();
        services.TryAddSingleton<CacheMetrics>();
        services.TryAddSingleton<OperatorAccess>();
        services.TryAddSingleton<CacheEndpointHandlers>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOpsDiagnosticsSection, CachesDiagnosticsSection>());
        services.AddOpsStartupValidator<OpsCachesHostedService>();
    }
}
