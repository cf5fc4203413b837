namespace OpsKit.Probes.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 601, EventName = "ProbePortNotOpened", Level = LogLevel.Warning,
        Message = "{Key}: port {Port} could not be opened again ({Error}); the probe fails until the next status change opens it.")]
    public static partial void ProbePortNotOpened(ILogger logger, string key, int port, string error);
}
