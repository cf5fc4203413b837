namespace OpsKit.Health.Internal;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Health check {Check} is {Status}")]
    public static partial void CheckFirstResult(ILogger logger, string check, string status);

    [LoggerMessage(2, LogLevel.Warning, "Health check {Check} changed from {Previous} to {Status} ({Category}: {Message})")]
    public static partial void CheckDegradedOrWorse(ILogger logger, string check, string previous, string status, string category, string message);

    [LoggerMessage(3, LogLevel.Information, "Health check {Check} changed from {Previous} to {Status}")]
    public static partial void CheckRecovered(ILogger logger, string check, string previous, string status);

    [LoggerMessage(4, LogLevel.Warning, "Health check {Check} did not finish within {TimeoutMs} ms; the run is abandoned and no new run starts until it ends")]
    public static partial void CheckAbandoned(ILogger logger, string check, double timeoutMs);

    [LoggerMessage(5, LogLevel.Information, "Abandoned run of health check {Check} ended after {ElapsedMs} ms")]
    public static partial void AbandonedRunEnded(ILogger logger, string check, double elapsedMs);

    [LoggerMessage(6, LogLevel.Warning, "Maintenance mode {State} ({Source}); readiness answers 503")]
    public static partial void MaintenanceOn(ILogger logger, string state, string source);

    [LoggerMessage(7, LogLevel.Information, "Maintenance mode ended ({Source})")]
    public static partial void MaintenanceOff(ILogger logger, string source);

    [LoggerMessage(8, LogLevel.Information, "Shutdown started: readiness answers 503 'stopping' for {DelayMs} ms before the host stops")]
    public static partial void ShutdownDelayStarted(ILogger logger, double delayMs);

    [LoggerMessage(9, LogLevel.Warning, "Traffic refused from code ({Reason}) for {DurationMs} ms (-1: until accepted); readiness answers 503")]
    public static partial void TrafficRefused(ILogger logger, string reason, double durationMs);

    [LoggerMessage(10, LogLevel.Information, "Traffic accepted again ({Reason} ended: {How})")]
    public static partial void TrafficAccepted(ILogger logger, string reason, string how);

    [LoggerMessage(11, LogLevel.Information, "Temporary log level {Level} of {Category} expired; the app's own level applies again")]
    public static partial void LogLevelOverrideExpired(ILogger logger, string category, string level);

    /// <summary>Logs a check's first result when Healthy, and every change of its reported status, once.</summary>
    public static void Transition(ILogger logger, string check, CheckResultEntry? previous, CheckResultEntry entry)
    {
        if (previous is null)
        {
            if (entry.Status == HealthStatus.Healthy)
            {
                CheckFirstResult(logger, check, entry.Status.ToString());
                return;
            }
        }
        else if (previous.Status == entry.Status)
        {
            return;
        }

        var previousStatus = previous?.Status.ToString() ?? "Unknown";
        if (entry.Error is { } error)
        {
            CheckDegradedOrWorse(logger, check, previousStatus, entry.Status.ToString(), error.Category, error.Message);
        }
        else
        {
            CheckRecovered(logger, check, previousStatus, entry.Status.ToString());
        }
    }
}
