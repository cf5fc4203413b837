namespace OpsKit.Security.Internal;

/// <summary>
/// The built-in reasons of the built-in event types (which type has which: <see cref="SecurityEventCatalog"/>); the
/// <c>reason</c> label of each is its name in snake_case (docs/security.md).
/// </summary>
internal enum SecurityEventReason
{
    BadScheme,
    MissingHeader,
    InvalidSignature,
    Expired,
    NotYetValid,
    InvalidIssuer,
    InvalidAudience,
    InvalidToken,
    UnknownKey,
    InvalidCredentials,
    Other,
    Forbidden,
    Rejected,
    UntrustedRoot,
    NameMismatch,
    NotAvailable,
}
