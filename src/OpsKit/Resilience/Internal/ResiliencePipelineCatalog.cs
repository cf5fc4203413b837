namespace OpsKit.Resilience.Internal;

/// <summary>Pipelines registered in code, and which of them serve an HttpClient. Filled while services are registered.</summary>
internal sealed class ResiliencePipelineCatalog
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _http = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _names;

    public IReadOnlyCollection<string> HttpPipelines => _http;

    public void Add(string name) => _names.Add(name);

    public bool AddHttp(string name)
    {
        _names.Add(name);
        return _http.Add(name);
    }

    public bool IsHttp(string name) => _http.Contains(name);
}
