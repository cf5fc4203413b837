namespace OpsKit.Sample.CachingProxy;

/// <summary>The configured backends (one OpsKit resilience pipeline and HttpClient each).</summary>
internal sealed class BackendNames(IEnumerable<string> names)
{
    private readonly HashSet<string> _names = new(names, StringComparer.Ordinal);

    public bool Contains(string backend) => _names.Contains(backend);
}
