namespace OpsKit.Caching.Internal;

/// <summary>Names of the disk-cache bounds registered with <c>AddOpsDiskCacheBound</c>, in registration order.</summary>
internal sealed class DiskCacheCatalog
{
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public void Add(string name)
    {
        if (_names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"A disk cache bound named '{name}' is already registered.", nameof(name));
        }

        _names.Add(name);
    }

    public static string SectionPath(string name) => OpsDiskCacheBoundOptions.SectionName + ":" + name;
}
