using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>Turns what happened to a run into the redacted <see cref="CheckResultEntry"/> the snapshot keeps.</summary>
internal sealed class CheckEntryFactory(HealthRedactor redactor, TimeProvider time)
{
    /// <summary>The data key naming the failed dependency of a check that was not run.</summary>
    public const string DependencyKey = "dependency";

    public CheckResultEntry FromResult(HealthCheckResult result, TimeSpan duration)
    {
        HealthError? error = null;
        if (result.Status != HealthStatus.Healthy)
        {
            error = result.Exception is { } exception
                ? HealthErrorClassifier.Classify(exception)
                : new HealthError(HealthErrorCategories.Threshold, result.Description ?? result.Status.ToString());
            error = error with { Message = redactor.Redact(error.Message) };
        }

        var data = result.Data.Count == 0
            ? (IReadOnlyList<KeyValuePair<string, object?>>)[]
            : result.Data.Select(pair => new KeyValuePair<string, object?>(pair.Key, RedactValue(pair.Value))).ToArray();
        var now = time.GetUtcNow();
        return new CheckResultEntry(
            result.Status,
            duration,
            now,
            now,
            result.Description is null ? null : redactor.Redact(result.Description),
            error,
            data);
    }

    public CheckResultEntry TimedOut(CheckDescriptor check, TimeSpan duration)
    {
        var now = time.GetUtcNow();
        return new CheckResultEntry(
            HealthStatus.Unhealthy,
            duration,
            now,
            now,
            description: null,
            new HealthError(HealthErrorCategories.Timeout, $"no answer within {check.Timeout.TotalMilliseconds:0} ms"),
            []);
    }

    /// <summary>The result of a check not run (or whose failure is blamed on) <paramref name="dependency"/>, which is Unhealthy.</summary>
    public CheckResultEntry DependencyFailed(CheckDescriptor check, string dependency, TimeSpan duration)
    {
        var now = time.GetUtcNow();
        return new CheckResultEntry(
            check.Registration.FailureStatus,
            duration,
            now,
            now,
            description: null,
            new HealthError(HealthErrorCategories.Dependency, $"not run: check '{dependency}' it depends on is Unhealthy"),
            [new KeyValuePair<string, object?>(DependencyKey, dependency)]);
    }

    private object? RedactValue(object? value) => value switch
    {
        string text => redactor.Redact(text),
        IEnumerable<string> texts => texts.Select(redactor.Redact).ToArray(),
        _ => value,
    };
}
