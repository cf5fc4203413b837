namespace OpsKit.Slo.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1901, EventName = "SloStateChanged", Level = LogLevel.Warning,
        Message = "Service-level objective {Slo} changed from {From} to {To} ({Requests} requests in the window).")]
    public static partial void StateChanged(ILogger logger, string slo, string from, string to, long requests);
}
