using OpsKit.Health.Internal;

namespace OpsKit.Health.Checks.Internal;

/// <summary>Builds results with an explicit failure category, so the JSON names it even without an exception.</summary>
internal static class CheckResults
{
    public static HealthCheckResult Fail(
        HealthStatus status, string category, string message, IReadOnlyDictionary<string, object>? data = null, Exception? inner = null) =>
        new(status, message, new HealthCheckFailureException(category, message, inner), data);

    /// <summary>Category and safe summary of an exception (socket, HTTP, TLS, permission …) as the engine classifies it.</summary>
    public static HealthCheckResult FromException(Exception exception, IReadOnlyDictionary<string, object>? data = null, string? prefix = null)
    {
        var category = HealthErrorClassifier.Category(exception);
        var summary = HealthErrorClassifier.Summary(exception);
        var message = prefix is null ? summary : prefix + ": " + summary;
        return Fail(HealthStatus.Unhealthy, category, message, data, exception);
    }

    public static double Round(double value, int digits = 4) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
