using OpsKit.Health;

namespace OpsKit.Npgsql.Internal;

/// <summary>How the PostgreSQL checks of a usage ratio (pool, server connections) judge it against their thresholds.</summary>
internal static class PostgresUsage
{
    /// <summary>
    /// Unhealthy at or above <see cref="OpsRatioCheckOptions.UnhealthyAt"/>, else Degraded at or above
    /// <see cref="OpsRatioCheckOptions.DegradedAt"/>, else Healthy; the threshold crossed is named after <paramref name="summary"/>.
    /// </summary>
    public static HealthCheckResult Judge(OpsRatioCheckOptions options, double usage, string summary, IReadOnlyDictionary<string, object> data)
    {
        if (options.UnhealthyAt is { } unhealthyAt && usage >= unhealthyAt)
        {
            return HealthCheckResult.Unhealthy(summary + string.Create(CultureInfo.InvariantCulture, $" (unhealthy at {unhealthyAt:0.##})"), data: data);
        }

        return usage >= options.DegradedAt
            ? HealthCheckResult.Degraded(summary + string.Create(CultureInfo.InvariantCulture, $" (degraded at {options.DegradedAt:0.##})"), data: data)
            : HealthCheckResult.Healthy(summary, data);
    }
}
