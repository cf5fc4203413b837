namespace OpsKit.Probes.Internal;

/// <summary>Sends the probe listener's Kestrel logs to the application's own loggers.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory application) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => application.CreateLogger(categoryName);

    public void Dispose()
    {
        // The application owns its logger factory.
    }
}
