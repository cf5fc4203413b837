using Microsoft.Extensions.Logging.Abstractions;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// Listens to the host's own log for "Hosting failed to start": the host logs it with the exception before it disposes
/// its services, the last moment <see cref="StartupFailureReport"/> can still read OpsKit's configuration errors. In
/// validate-only mode every other logger provider has that category switched off, so its stack trace is never printed.
/// </summary>
internal sealed class StartupFailureLogger(IServiceProvider services) : ILoggerProvider, ILogger
{
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    // Microsoft.Extensions.Hosting's event id of "Hosting failed to start".
    private const int HostingFailedToStart = 11;

    public ILogger CreateLogger(string categoryName) =>
        string.Equals(categoryName, HostCategory, StringComparison.Ordinal) ? this : NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is not null && eventId.Id == HostingFailedToStart && IsEnabled(logLevel))
        {
            StartupFailureReport.HostFailed(services, exception);
        }
    }

    public void Dispose()
    {
    }
}
