namespace OpsKit.Caching.Internal;

/// <summary>Names of the caches registered with <c>AddOpsMemoryCache</c>, in registration order.</summary>
internal sealed class CacheCatalog
{
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public void Add(string name)
    {
        if (_names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"A cache named '{name}' is already registered.", nameof(name));
        }

        _names.Add(name);
    }
}
