namespace OpsKit.Health.Internal;

/// <summary>
/// Status rules (docs/endpoints.md): a check's status is its own result; the overall status of a set is Unhealthy if any
/// critical check that readiness requires is Unhealthy, else Degraded if any check is not Healthy, else Healthy. A
/// critical check with <see cref="CheckReadiness.Degrade"/>, or one not run because such a check is down, only degrades.
/// </summary>
internal static class HealthStatusRules
{
    /// <summary>
    /// The verdict of <c>/health/ready</c> (docs/endpoints.md); null while a check of the set has no result yet.
    /// </summary>
    public static HealthStatus? Readiness(
        IReadOnlyList<CheckDescriptor> checks,
        IReadOnlyList<CheckResultEntry?> entries,
        Func<CheckDescriptor, bool> inSet,
        List<string>? degradedBy = null) =>
        Aggregate(checks, entries, inSet, missingIsStarting: true, degradedBy);

    /// <summary>
    /// The verdict of a health group: ruled as readiness is, except that <see cref="CheckReadiness.Degrade"/> does not
    /// apply. It protects a fleet's readiness from a shared outage; a group is the set of checks its tags chose, so each
    /// of them fails it (docs/probes.md). Null while a check of the group has no result yet.
    /// </summary>
    public static HealthStatus? Group(
        IReadOnlyList<CheckDescriptor> checks,
        IReadOnlyList<CheckResultEntry?> entries,
        Func<CheckDescriptor, bool> inGroup) =>
        Aggregate(checks, entries, inGroup, missingIsStarting: true, degradedBy: null, degrade: false);

    /// <summary>The overall status of a set of checks, by the rules above.</summary>
    /// <param name="checks">Every check.</param>
    /// <param name="entries">Their latest results, by index.</param>
    /// <param name="inSet">Which checks count.</param>
    /// <param name="missingIsStarting">Whether a check without a result makes the answer null.</param>
    /// <param name="degradedBy">
    /// When given, receives the names of the Unhealthy checks that degrade the set instead of failing it (the root
    /// cause when a check was not run because of it).
    /// </param>
    /// <param name="degrade">Whether <see cref="CheckReadiness.Degrade"/> applies.</param>
    public static HealthStatus? Aggregate(
        IReadOnlyList<CheckDescriptor> checks,
        IReadOnlyList<CheckResultEntry?> entries,
        Func<CheckDescriptor, bool> inSet,
        bool missingIsStarting,
        List<string>? degradedBy = null,
        bool degrade = true)
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
                if (degrade && DegradingRoot(checks, entries, check) is { } root)
                {
                    overall = overall == HealthStatus.Unhealthy ? overall : HealthStatus.Degraded;
                    if (degradedBy is not null && !degradedBy.Contains(root))
                    {
                        degradedBy.Add(root);
                    }
                }
                else
                {
                    overall = HealthStatus.Unhealthy;
                }
            }
            else if (entry.Status != HealthStatus.Healthy && overall == HealthStatus.Healthy)
            {
                overall = HealthStatus.Degraded;
            }
        }

        return overall;
    }

    /// <summary>
    /// The name of the check to blame when <paramref name="check"/>'s Unhealthy result only degrades: the end of the
    /// chain of failed dependencies that kept it from running, if that check or <paramref name="check"/> itself is
    /// <see cref="CheckReadiness.Degrade"/>; null when the result fails the set.
    /// </summary>
    private static string? DegradingRoot(IReadOnlyList<CheckDescriptor> checks, IReadOnlyList<CheckResultEntry?> entries, CheckDescriptor check)
    {
        var root = check;
        for (var hops = 0; hops < checks.Count && entries[root.Index] is { Suppressed: true } entry; hops++)
        {
            var name = entry.Data.FirstOrDefault(static pair => pair.Key == CheckEntryFactory.DependencyKey).Value as string;
            if (checks.FirstOrDefault(c => c.Name == name) is not { } dependency)
            {
                break;
            }

            root = dependency;
        }

        return check.Readiness == CheckReadiness.Degrade || root.Readiness == CheckReadiness.Degrade ? root.Name : null;
    }
}
