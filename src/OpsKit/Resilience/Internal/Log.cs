namespace OpsKit.Resilience.Internal;

internal static partial class Log
{
    [LoggerMessage(201, LogLevel.Information, "Resilience pipeline {Pipeline} reloaded from configuration")]
    public static partial void PipelineReloaded(ILogger logger, string pipeline);

    [LoggerMessage(202, LogLevel.Warning, "Resilience pipeline {Pipeline}: the changed configuration is invalid, the last good settings stay in force. {Errors}")]
    public static partial void PipelineReloadRejected(ILogger logger, string pipeline, string errors);

    [LoggerMessage(203, LogLevel.Warning, "Resilience pipeline {Pipeline}: endpoint {Endpoint} failed ({Reason}); failing over to the next endpoint")]
    public static partial void FailingOver(ILogger logger, string pipeline, string endpoint, string reason);

    [LoggerMessage(204, LogLevel.Warning, "Resilience pipeline {Pipeline}: chaos injection is on (fault {FaultRate}, latency {LatencyRate}, outcome {OutcomeRate})")]
    public static partial void ChaosEnabled(ILogger logger, string pipeline, double faultRate, double latencyRate, double outcomeRate);
}
