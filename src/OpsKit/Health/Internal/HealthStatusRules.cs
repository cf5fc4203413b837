namespace OpsKit.Health.Internal;

/// <summary>
/// Status rules (docs/endpoints.md): a check's status is its own result; the overall status of a set is Unhealthy if any
/// critical check is Unhealthy, else Degraded if any check is not Healthy, else Healthy.
/// </summary>
internal static class HealthStatusRules
{
    /// <summary>
    /// The verdict of a readiness-ruled set: <c>/health/ready</c> and every health group (docs/endpoints.md), so that a
    /// change to the readiness rules applies to groups too. Null while a check of the set has no result yet.
    /// </summary>
    public static HealthStatus? Readiness(
        IReadOnlyList<CheckDescriptor> checks,
        IReadOnlyList<CheckResultEntry?> entries,
        Func<CheckDescriptor, bool> inSet) =>
        Aggregate(checks, entries, inSet, missingIsStarting: true);

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
