namespace OpsKit.Hosting.Internal;

/// <summary>
/// A host that fails to start (an application options validator, a value that does not convert, a client factory that
/// throws on a malformed connection string) ends with a report instead of an unhandled exception and its stack trace:
/// every error by key, OpsKit's own configuration errors included, and exit code 1. In validate-only mode any unhandled
/// exception ends this way; otherwise only the one the host reported as its start-up failure.
/// </summary>
internal static class StartupFailureReport
{
    private static ValidateOnlyRequest? s_request;
    private static Failure? s_failure;

    /// <summary>
    /// Hooks the process's unhandled-exception event once. The runtime raises it before it prints the exception, and the
    /// process is ending anyway; exiting from the handler replaces the stack trace with the report.
    /// </summary>
    public static void Install(ValidateOnlyRequest request)
    {
        if (Interlocked.Exchange(ref s_request, request) is null)
        {
            AppDomain.CurrentDomain.UnhandledException += static (_, e) =>
            {
                if (e.ExceptionObject is not Exception exception || s_request is not { } current)
                {
                    return;
                }

                var failure = Volatile.Read(ref s_failure);
                if (failure is not null && failure.Matches(exception))
                {
                    Write(current.Enabled ? current.Output : Console.Error, failure.Problems);
                    Environment.Exit(1);
                }
                else if (current.Enabled)
                {
                    Write(current.Output, Describe(null, exception));
                    Environment.Exit(1);
                }
            };
        }
    }

    /// <summary>
    /// Called when the host reports that it failed to start, while its services are still alive (they are disposed by
    /// the time the exception reaches the unhandled-exception event): builds the report from them.
    /// </summary>
    public static void HostFailed(IServiceProvider services, Exception exception) =>
        Volatile.Write(ref s_failure, new Failure(exception, Describe(services, exception)));

    internal static IReadOnlyList<string> Describe(IServiceProvider? services, Exception exception)
    {
        var configuration = services?.GetService<IConfiguration>();
        var syntaxes = services?.GetServices<IConnectionStringSyntax>().ToList() ?? [];
        var problems = new List<string>(StartupFailure.Describe(exception, configuration, syntaxes));
        try
        {
            if (services?.GetService<StartupReport>() is { } report)
            {
                problems.AddRange(report.Collect());
            }
        }
        catch (Exception setupFailure) when (setupFailure is not OutOfMemoryException)
        {
            problems.AddRange(StartupFailure.Describe(setupFailure, configuration, syntaxes));
        }

        var redactor = services?.GetService<HealthRedactor>() ?? new HealthRedactor(configuration);
        return problems.Select(redactor.Redact).Distinct(StringComparer.Ordinal).ToList();
    }

    internal static void Write(TextWriter output, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        output.WriteLine($"OpsKit validation failed: {problems.Count} problem(s).");
        output.Flush();
    }

    private sealed record Failure(Exception Exception, IReadOnlyList<string> Problems)
    {
        /// <summary>The host rethrows the exception it logged, or an aggregate of several.</summary>
        public bool Matches(Exception unhandled) =>
            ReferenceEquals(unhandled, Exception)
            || (unhandled is AggregateException aggregate && aggregate.Flatten().InnerExceptions.Any(e => ReferenceEquals(e, Exception)));
    }
}
