using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpsKit.Health.Internal;

/// <summary>
/// Validate-only mode's listener on the host's own log: the host logs "Hosting failed to start" with the exception before
/// it disposes its services, which is the last moment the report can still read OpsKit's configuration errors. Every other
/// logger provider has that category switched off in validate-only mode, so its stack trace is never printed.
/// </summary>
internal sealed class ValidateOnlyFailureLogger(IServiceProvider services) : ILoggerProvider, ILogger
{
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public ILogger CreateLogger(string categoryName) =>
        string.Equals(categoryName, HostCategory, StringComparison.Ordinal) ? this : NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is not null && IsEnabled(logLevel))
        {
            ValidateOnlyStartupFailure.HostFailed(services, exception);
        }
    }

    public void Dispose()
    {
    }
}
