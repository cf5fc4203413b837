namespace OpsKit.Caching.Internal;

/// <summary>Every named cache of the application, created on first use (start-up creates them all).</summary>
internal sealed class OpsCaches(IServiceProvider services, CacheCatalog catalog)
{
    private readonly Lazy<IReadOnlyList<OpsMemoryCache>> _all = new(
        () => [.. catalog.Names.Select(name => services.GetRequiredKeyedService<OpsMemoryCache>(name))]);

    public IReadOnlyList<OpsMemoryCache> All => _all.Value;

    public OpsMemoryCache? Find(string name) =>
        catalog.Names.Contains(name, StringComparer.Ordinal) ? services.GetRequiredKeyedService<OpsMemoryCache>(name) : null;
}
