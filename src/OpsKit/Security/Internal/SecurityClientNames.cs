namespace OpsKit.Security.Internal;

/// <summary>Names of the HTTP clients whose outbound TLS failures are counted.</summary>
internal sealed class SecurityClientNames
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public void Add(string name) => _names.Add(name);

    public bool Contains(string name) => _names.Contains(name);
}
