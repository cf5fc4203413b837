using System.Collections.Frozen;

namespace OpsKit.Security.Internal;

/// <summary>
/// The registered event types and reasons (built-in plus <see cref="OpsSecurityOptions.EventTypes"/>), frozen at
/// start-up: the only values that ever become <c>type</c>/<c>reason</c> labels.
/// </summary>
internal sealed class SecurityEventCatalog
{
    public SecurityEventCatalog(OpsSecurityOptions options)
    {
        var merged = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (type, reasons) in SecurityEventTypes.BuiltIn)
        {
            merged[type] = new HashSet<string>(reasons, StringComparer.Ordinal);
        }

        foreach (var (type, reasons) in options.EventTypes)
        {
            if (!merged.TryGetValue(type, out var set))
            {
                merged[type] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(reasons);
        }

        Types = merged.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public FrozenDictionary<string, FrozenSet<string>> Types { get; }

    public bool IsRegistered(string type, string reason) => Types.TryGetValue(type, out var reasons) && reasons.Contains(reason);

    /// <summary>Returns <paramref name="candidate"/> when the application registered it as a reason of <paramref name="type"/>, else the fallback.</summary>
    public string ReasonOrDefault(string type, string? candidate, string fallback) =>
        candidate is not null && IsRegistered(type, candidate) ? candidate : fallback;
}
