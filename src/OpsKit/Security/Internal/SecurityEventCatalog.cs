using System.Collections.Frozen;
using OpsKit.Hosting.Internal;
using static OpsKit.Security.Internal.SecurityEventReason;

namespace OpsKit.Security.Internal;

/// <summary>
/// The registered event types and reasons (built-in plus <see cref="OpsSecurityOptions.EventTypes"/>), frozen at
/// start-up: the only values that ever become <c>type</c>/<c>reason</c> labels.
/// </summary>
internal sealed class SecurityEventCatalog
{
    /// <summary>The reasons OpsKit's own hooks record for each built-in type (docs/security.md).</summary>
    private static readonly Dictionary<SecurityEventType, SecurityEventReason[]> BuiltIn = new()
    {
        [SecurityEventType.AuthFailure] =
        [
            BadScheme, MissingHeader, InvalidSignature, Expired, NotYetValid, InvalidIssuer, InvalidAudience, InvalidToken,
            UnknownKey, InvalidCredentials, Other,
        ],
        [SecurityEventType.AuthorizationDenied] = [Forbidden],
        [SecurityEventType.RateLimitExceeded] = [Rejected],
        [SecurityEventType.CsrfFailure] = [InvalidToken],
        [SecurityEventType.CertificateValidationFailed] = [Expired, UntrustedRoot, NameMismatch, InvalidSignature, NotAvailable, Other],
    };

    public SecurityEventCatalog(OpsSecurityOptions options)
    {
        var merged = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (type, reasons) in BuiltIn)
        {
            merged[type.Label()] = new HashSet<string>(reasons.Select(static r => r.Label()), StringComparer.Ordinal);
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
    public string ReasonOrDefault(SecurityEventType type, string? candidate, SecurityEventReason fallback) =>
        candidate is not null && IsRegistered(type.Label(), candidate) ? candidate : fallback.Label();
}
