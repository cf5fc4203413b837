namespace OpsKit.Health.Internal;

/// <summary>
/// Status rules (docs/endpoints.md): a check's status is its own result; the overall status of a set is Unhealthy if any
/// critical check is Unhealthy, else Degraded if any check is not Healthy, else Healthy.
/// </summary>
internal static class HealthStatusRules
{
    public static HealthStatus? Aggregate(
        IReadOnlyList<CheckDescriptor> checks,
        IReadOnlyList<CheckResultEntry?> entries,
        Func<CheckDescriptor, bool> inSet,
        bool missingIsStarting)
    {
        var overall = HealthStatus.Healthy;
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            if (!inSet(check))
            {
                continue;
            }

            if (entries[i] is not { } entry)
            {
                if (missingIsStarting)
                {
                    return null;
                }

                continue;
            }

            if (entry.Status == HealthStatus.Unhealthy && check.Critical)
            {
                overall = HealthStatus.Unhealthy;
            }
            else if (entry.Status != HealthStatus.Healthy && overall == HealthStatus.Healthy)
            {
                overall = HealthStatus.Degraded;
            }
        }

        return overall;
    }
}
