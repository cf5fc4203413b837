namespace OpsKit.Health.Checks.Internal;

/// <summary>The common "value vs DegradedAt/UnhealthyAt" verdict with category <c>threshold</c>.</summary>
internal static class Thresholds
{
    public static HealthCheckResult Evaluate(
        string what, double value, double degradedAt, double? unhealthyAt, Dictionary<string, object> data, string format = "0.###")
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        if (unhealthyAt is { } unhealthy && value >= unhealthy)
        {
            return CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Threshold,
                $"{what} is {text} (UnhealthyAt {unhealthy.ToString(CultureInfo.InvariantCulture)})", data);
        }

        if (value >= degradedAt)
        {
            return CheckResults.Fail(HealthStatus.Degraded, HealthErrorCategories.Threshold,
                $"{what} is {text} (DegradedAt {degradedAt.ToString(CultureInfo.InvariantCulture)})", data);
        }

        return HealthCheckResult.Healthy($"{what} is {text}", data);
    }
}
