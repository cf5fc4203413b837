namespace OpsKit.Security.Internal;

/// <summary>The built-in security event types; the <c>type</c> label of each is its name in snake_case (docs/security.md).</summary>
internal enum SecurityEventType
{
    AuthFailure,
    AuthorizationDenied,
    RateLimitExceeded,
    CsrfFailure,
    CertificateValidationFailed,
}
