using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Health.Internal;

/// <summary>
/// In validate-only mode, a host that fails to start (an application options validator, a value that does not convert, a
/// client factory that throws on a malformed connection string) still ends with the validation report: every error by
/// key, OpsKit's own configuration errors included, and exit code 1, instead of an unhandled exception and its stack trace.
/// </summary>
internal static class ValidateOnlyStartupFailure
{
    private static ValidateOnlyRequest? s_request;
    private static IReadOnlyList<string>? s_report;

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
                if (e.ExceptionObject is Exception exception && s_request is { } current)
                {
                    Write(current.Output, Volatile.Read(ref s_report) ?? Describe(null, exception));
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
        Volatile.Write(ref s_report, Describe(services, exception));

    internal static IReadOnlyList<string> Describe(IServiceProvider? services, Exception exception)
    {
        var configuration = services?.GetService<IConfiguration>();
        var syntaxes = services?.GetServices<IConnectionStringSyntax>().ToList() ?? [];
        var problems = new List<string>(StartupFailure.Describe(exception, configuration, syntaxes));
        try
        {
            if (services?.GetService<HealthCheckSetup>() is { } setup)
            {
                problems.AddRange(setup.Build().Errors);
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
}
