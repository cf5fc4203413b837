namespace OpsKit.Hosting.Internal;

internal static partial class OperatorLog
{
    [LoggerMessage(401, LogLevel.Warning, "Operator action {Action} ({Target}) by {Caller}")]
    public static partial void Allowed(ILogger logger, string action, string target, string caller);

    [LoggerMessage(402, LogLevel.Debug, "Operator action {Action} ({Target}) denied to {Caller}")]
    public static partial void Denied(ILogger logger, string action, string target, string caller);

    [LoggerMessage(403, LogLevel.Debug, "Operator action {Action} ({Target}) by {Caller} refused: the last forced run is too recent")]
    public static partial void RateLimited(ILogger logger, string action, string target, string caller);

    [LoggerMessage(404, LogLevel.Warning, "{Endpoints} are disabled: {Key} names no authorization policy, and outside Development state changes need one (docs/security.md)")]
    public static partial void Disabled(ILogger logger, string endpoints, string key);
}
