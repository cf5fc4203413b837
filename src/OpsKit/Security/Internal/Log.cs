namespace OpsKit.Security.Internal;

/// <summary>Security log events: type, reason, scheme and client address only, never a credential or token.</summary>
internal static partial class Log
{
    [LoggerMessage(301, LogLevel.Information, "Security event {SecurityEventType}/{SecurityEventReason} from {ClientAddress}")]
    public static partial void SecurityEvent(ILogger logger, string securityEventType, string securityEventReason, string clientAddress);

    [LoggerMessage(302, LogLevel.Information, "Authentication failed for scheme {AuthenticationScheme}: {SecurityEventReason} from {ClientAddress}")]
    public static partial void AuthenticationFailed(ILogger logger, string authenticationScheme, string securityEventReason, string clientAddress);

    [LoggerMessage(303, LogLevel.Warning, "Outbound TLS certificate validation failed for host {Host}: {SecurityEventReason}")]
    public static partial void CertificateValidationFailed(ILogger logger, string host, string securityEventReason);
}
