namespace OpsKit.Caching.Internal;

/// <summary>
/// Names of the caches of one kind (memory caches, disk-cache bounds), in registration order. Both kinds label the same
/// <c>opskit.cache.*</c> instruments, so a name is unique across them.
/// </summary>
/// <typeparam name="TOptions">The options type of the kind.</typeparam>
internal sealed class CacheCatalog<TOptions>(string kind)
    where TOptions : class
{
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    /// <summary>
    /// Adds <paramref name="name"/> to the catalog of its kind in <paramref name="services"/>; the first name of a kind
    /// creates the catalog and calls <paramref name="addShared"/>.
    /// </summary>
    public static void Add<TOtherOptions>(IServiceCollection services, string name, string kind, Action<IServiceCollection> addShared)
        where TOtherOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        CacheNames.ThrowIfInvalid(name);
        if (Find<TOtherOptions>(services) is { } other && other.Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"A {other.Kind} named '{name}' is already registered; cache names label the same metrics.", nameof(name));
        }

        var catalog = Find<TOptions>(services);
        if (catalog is null)
        {
            catalog = new CacheCatalog<TOptions>(kind);
            services.AddSingleton(catalog);
            addShared(services);
        }

        catalog.Add(name);
    }

    private string Kind => kind;

    private static CacheCatalog<T>? Find<T>(IServiceCollection services)
        where T : class =>
        services.FirstOrDefault(d => d.ServiceType == typeof(CacheCatalog<T>) && !d.IsKeyedService)?.ImplementationInstance as CacheCatalog<T>;

    private void Add(string name)
    {
        if (_names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"A {kind} named '{name}' is already registered.", nameof(name));
        }

        _names.Add(name);
    }
}
