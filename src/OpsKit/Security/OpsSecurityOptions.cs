namespace OpsKit.Security;

/// <summary>
/// Options of OpsKit's security signals, bound from <c>OpsKit:Security</c> (configuration wins over code).
/// Lists bound from configuration are added to the defaults, never replace them: checking one more path is harmless.
/// </summary>
public sealed class OpsSecurityOptions
{
    /// <summary>The configuration section: <c>OpsKit:Security</c>.</summary>
    public const string SectionName = "OpsKit:Security";

    /// <summary>
    /// Event types and reasons the application records with <see cref="ISecuritySignals.RecordSecurityEvent"/>, added to
    /// the built-in ones (<c>auth_failure</c>, <c>authorization_denied</c>, <c>rate_limit_exceeded</c>,
    /// <c>csrf_failure</c>, <c>certificate_validation_failed</c>). Key: type; value: its reasons. Names match
    /// <c>[a-z0-9][a-z0-9_.-]*</c>. A reason added to <c>authorization_denied</c> or <c>rate_limit_exceeded</c> that equals
    /// an authorization or rate-limiter policy name is used as the reason for that policy. Default: empty.
    /// Configuration: <c>OpsKit:Security:EventTypes:&lt;type&gt;:0 = &lt;reason&gt;</c>.
    /// </summary>
    public IDictionary<string, IList<string>> EventTypes { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);

    /// <summary>How many client addresses are tracked per event type (space-saving top-K). Default 20; 1 to 1000.</summary>
    public int TopOffenders { get; set; } = 20;

    /// <summary>
    /// Whether security events are also logged (type, reason, scheme and client address; never a credential). Default true.
    /// </summary>
    public bool LogEvents { get; set; } = true;

    /// <summary>
    /// Configuration keys holding JWT signing keys, checked at start-up to be at least <see cref="MinimumSigningKeyBits"/> long
    /// and not a placeholder; absent keys are skipped. A <c>*</c> segment stands for every child
    /// (<c>Authentication:Schemes:Bearer:SigningKeys:*:Value</c>). Keys under a <c>SigningKeys</c> section are base64, as
    /// ASP.NET Core's JwtBearer configuration binding (and <c>dotnet user-jwts</c>) stores them; the others are measured
    /// in UTF-8 bytes, as <c>Encoding.UTF8.GetBytes(configuration["Jwt:Key"])</c> would use them.
    /// Default: <c>Jwt:Key</c>, <c>Jwt:SigningKey</c>, <c>Authentication:Schemes:Bearer:SigningKeys:*:Value</c>.
    /// </summary>
    public IList<string> SigningKeyPaths { get; } = ["Jwt:Key", "Jwt:SigningKey", "Authentication:Schemes:Bearer:SigningKeys:*:Value"];

    /// <summary>The shortest signing key accepted at start-up, in bits. Default 256 (HMAC-SHA256); at least 128.</summary>
    public int MinimumSigningKeyBits { get; set; } = 256;

    /// <summary>
    /// Configuration keys holding API keys, checked at start-up to be non-empty and not placeholders; absent keys are
    /// skipped; <c>*</c> stands for every child. Default: <c>ApiKey</c>, <c>ApiKeys:*</c>, <c>Authentication:ApiKeys:*</c>.
    /// </summary>
    public IList<string> ApiKeyPaths { get; } = ["ApiKey", "ApiKeys:*", "Authentication:ApiKeys:*"];

    /// <summary>
    /// Values rejected as placeholders (case-insensitive), besides empty values, values of only <c>x</c>, and values in
    /// angle brackets or <c>${…}</c>. Default: <c>your-api-key</c>, <c>changeme</c>, <c>change-me</c>, <c>secret</c>,
    /// <c>password</c>, <c>xxx</c>, <c>todo</c>, <c>replace-me</c>, <c>your-secret-key</c>, <c>api-key</c>.
    /// </summary>
    public IList<string> PlaceholderValues { get; } =
        ["your-api-key", "changeme", "change-me", "secret", "password", "xxx", "todo", "replace-me", "your-secret-key", "api-key"];
}
