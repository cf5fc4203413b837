namespace OpsKit.Security.Internal;

/// <summary>Built-in event types and reasons (bounded sets, see docs/security.md).</summary>
internal static class SecurityEventTypes
{
    public const string AuthFailure = "auth_failure";
    public const string AuthorizationDenied = "authorization_denied";
    public const string RateLimitExceeded = "rate_limit_exceeded";
    public const string CsrfFailure = "csrf_failure";
    public const string CertificateValidationFailed = "certificate_validation_failed";

    public static class Reasons
    {
        public const string BadScheme = "bad_scheme";
        public const string MissingHeader = "missing_header";
        public const string InvalidSignature = "invalid_signature";
        public const string Expired = "expired";
        public const string NotYetValid = "not_yet_valid";
        public const string InvalidIssuer = "invalid_issuer";
        public const string InvalidAudience = "invalid_audience";
        public const string InvalidToken = "invalid_token";
        public const string UnknownKey = "unknown_key";
        public const string InvalidCredentials = "invalid_credentials";
        public const string Other = "other";
        public const string Forbidden = "forbidden";
        public const string Rejected = "rejected";
        public const string UntrustedRoot = "untrusted_root";
        public const string NameMismatch = "name_mismatch";
        public const string NotAvailable = "not_available";
    }

    public static IReadOnlyDictionary<string, string[]> BuiltIn { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [AuthFailure] =
        [
            Reasons.BadScheme, Reasons.MissingHeader, Reasons.InvalidSignature, Reasons.Expired, Reasons.NotYetValid,
            Reasons.InvalidIssuer, Reasons.InvalidAudience, Reasons.InvalidToken, Reasons.UnknownKey, Reasons.InvalidCredentials,
            Reasons.Other,
        ],
        [AuthorizationDenied] = [Reasons.Forbidden],
        [RateLimitExceeded] = [Reasons.Rejected],
        [CsrfFailure] = [Reasons.InvalidToken],
        [CertificateValidationFailed] =
        [
            Reasons.Expired, Reasons.UntrustedRoot, Reasons.NameMismatch, Reasons.InvalidSignature, Reasons.NotAvailable, Reasons.Other,
        ],
    };
}
