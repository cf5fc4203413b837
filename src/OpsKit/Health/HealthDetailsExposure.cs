namespace OpsKit.Health;

/// <summary>Who may see the detailed health JSON (configuration key <c>OpsKit:Health:Details</c>).</summary>
public enum HealthDetailsExposure
{
    /// <summary>Nobody: every caller gets only the status.</summary>
    Never,

    /// <summary>Callers that pass the <see cref="OpsHealthOptions.DetailsPolicy"/> authorization policy.</summary>
    Authorized,

    /// <summary>
    /// Authorized callers, and callers whose connection comes from a loopback address and carries no forwarding
    /// header (<c>Forwarded</c>, <c>X-Forwarded-For</c>, <c>X-Real-IP</c>, <c>X-Client-IP</c>, <c>True-Client-IP</c>,
    /// <c>X-Original-For</c>, or a header the app's <c>ForwardedHeadersOptions</c> names), so a same-host reverse proxy
    /// does not turn every caller into a local one.
    /// </summary>
    LocalOrAuthorized,

    /// <summary>Every caller. Meant for development.</summary>
    Always,
}
