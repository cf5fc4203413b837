using System.Diagnostics;
using System.Reflection;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// Turns an exception that stopped the host from starting into configuration errors an operator can act on: options
/// failures as they are, a client library's failure as the <c>ConnectionStrings</c> keys that do not parse for that
/// client, anything else as one line with the exception type and message. Never a stack trace.
/// </summary>
internal static class StartupFailure
{
    public static IReadOnlyList<string> Describe(
        Exception exception, IConfiguration? configuration, IReadOnlyList<IConnectionStringSyntax> syntaxes, string? failedService = null)
    {
        var problems = new List<string>();
        Describe(exception, configuration, syntaxes, failedService, problems);
        return problems;
    }

    /// <summary>
    /// In validate-only mode, creates a client the application registered (<paramref name="resolve"/>) and reports its
    /// factory's failure by key. Outside validate-only mode nothing is created here: a Redis multiplexer connects when it
    /// is created, and a normal start must not wait for that.
    /// </summary>
    public static IReadOnlyList<string> ClientCreationErrors(IServiceProvider services, string serviceDescription, Action<IServiceProvider> resolve)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(resolve);
        if (services.GetService<ValidateOnlyRequest>() is not { Enabled: true })
        {
            return [];
        }

        try
        {
            resolve(services);
            return [];
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Describe(
                exception, services.GetService<IConfiguration>(), services.GetServices<IConnectionStringSyntax>().ToList(), serviceDescription);
        }
    }

    /// <summary>Whether a frame of <paramref name="exception"/> or of an inner exception is a method of <paramref name="assembly"/>.</summary>
    public static bool ThrownIn(Exception exception, Assembly assembly)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (new StackTrace(current, false).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Assembly == assembly))
            {
                return true;
            }
        }

        return false;
    }

    private static void Describe(
        Exception exception,
        IConfiguration? configuration,
        IReadOnlyList<IConnectionStringSyntax> syntaxes,
        string? failedService,
        List<string> problems)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Describe(inner, configuration, syntaxes, failedService, problems);
                }

                return;
            case TargetInvocationException { InnerException: { } inner }:
                Describe(inner, configuration, syntaxes, failedService, problems);
                return;
            case OptionsValidationException options:
                problems.AddRange(options.Failures);
                return;
        }

        if (syntaxes.FirstOrDefault(s => ThrownIn(exception, s.ClientAssembly)) is { } client)
        {
            var keys = MalformedConnectionStrings(configuration, client, syntaxes);
            if (keys.Count > 0)
            {
                problems.AddRange(keys.Select(k => $"{k} is not a valid {client.ClientName} connection string."));
                return;
            }

            problems.Add($"The application's {failedService ?? client.ClientName + " client"} could not be created: {ExceptionSummary.Of(exception)}");
            return;
        }

        problems.Add(failedService is null
            ? $"Start-up failed: {ExceptionSummary.Of(exception)}"
            : $"The application's {failedService} could not be created: {ExceptionSummary.Of(exception)}");
    }

    /// <summary>
    /// The <c>ConnectionStrings</c> keys whose value does not parse for <paramref name="client"/> and is not a valid
    /// connection string of another registered client either (a Redis string is not a malformed PostgreSQL one), and
    /// whose shape is this client's, or no registered client's.
    /// </summary>
    private static List<string> MalformedConnectionStrings(
        IConfiguration? configuration, IConnectionStringSyntax client, IReadOnlyList<IConnectionStringSyntax> syntaxes)
    {
        if (configuration is null)
        {
            return [];
        }

        return configuration.GetSection("ConnectionStrings").GetChildren()
            .Where(s => !string.IsNullOrWhiteSpace(s.Value))
            .Where(s => !client.IsValid(s.Value!) && !syntaxes.Any(other => other != client && other.IsValid(s.Value!)))
            .Where(s => client.LooksLike(s.Value!) || !syntaxes.Any(other => other.LooksLike(s.Value!)))
            .Select(s => s.Path)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
