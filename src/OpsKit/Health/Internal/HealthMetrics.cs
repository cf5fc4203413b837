using OpsKit.Hosting;

namespace OpsKit.Health.Internal;

/// <summary>
/// The engine's instruments. Gauges are observed from the snapshot, so a scrape never runs a check.
/// </summary>
internal sealed class HealthMetrics
{
    private const string CheckLabel = "check";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _executions;
    private readonly Counter<long> _abandoned;

    public HealthMetrics(OpsKitMeter meter, Func<HealthSnapshot?> snapshot, MaintenanceState maintenance)
    {
        var m = meter.Meter;
        m.CreateObservableGauge(
            "opskit.health.check.status",
            () => ObserveChecks(snapshot(), static (_, entry) => (int)entry.Status),
            description: "Status of each health check: 0 Unhealthy, 1 Degraded, 2 Healthy.");
        m.CreateObservableGauge(
            "opskit.health.check.suppressed",
            () => ObserveChecks(snapshot(), static (_, entry) => entry.Suppressed ? 1 : 0),
            description: "1 while a health check is not run because a check it depends on is Unhealthy (its alerts defer to that check's).");
        m.CreateObservableGauge(
            "opskit.health.check.critical",
            () => ObserveChecks(snapshot(), static (check, _) => check.Critical ? 1 : 0),
            description: "1 for a critical health check (its Unhealthy status fails readiness), 0 otherwise.");
        _duration = m.CreateHistogram<double>(
            "opskit.health.check.duration",
            InstrumentUnits.Seconds,
            "Duration of health check runs.");
        _executions = m.CreateCounter<long>(
            "opskit.health.check.executions",
            description: "Health check runs by resulting status.");
        _abandoned = m.CreateCounter<long>(
            "opskit.health.check.abandoned",
            description: "Health check runs abandoned at their timeout.");
        m.CreateObservableGauge(
            "opskit.health.status",
            () => ObserveOverall(snapshot()),
            description: "Overall health status: 0 Unhealthy, 1 Degraded, 2 Healthy.");
        m.CreateObservableGauge(
            "opskit.maintenance",
            () => ObserveMaintenance(snapshot(), maintenance),
            description: "1 while the service is in maintenance mode.");
    }

    public void RecordRun(CheckDescriptor check, HealthStatus status, TimeSpan duration)
    {
        var checkTag = new KeyValuePair<string, object?>(CheckLabel, check.Name);
        _duration.Record(duration.TotalSeconds, checkTag);
        _executions.Add(1, checkTag, new KeyValuePair<string, object?>("status", StatusLabel(status)));
    }

    public void RecordAbandoned(CheckDescriptor check) =>
        _abandoned.Add(1, new KeyValuePair<string, object?>(CheckLabel, check.Name));

    public static string StatusLabel(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static IEnumerable<Measurement<int>> ObserveMaintenance(HealthSnapshot? snapshot, MaintenanceState maintenance)
    {
        if (snapshot is not null)
        {
            yield return new Measurement<int>(maintenance.IsActive ? 1 : 0);
        }
    }

    private static IEnumerable<Measurement<int>> ObserveChecks(HealthSnapshot? snapshot, Func<CheckDescriptor, CheckResultEntry, int> value)
    {
        if (snapshot is null)
        {
            yield break;
        }

        for (var i = 0; i < snapshot.Checks.Count; i++)
        {
            if (snapshot.Entries[i] is { } entry)
            {
                yield return new Measurement<int>(
                    value(snapshot.Checks[i], entry),
                    new KeyValuePair<string, object?>(CheckLabel, snapshot.Checks[i].Name));
            }
        }
    }

    private static IEnumerable<Measurement<int>> ObserveOverall(HealthSnapshot? snapshot)
    {
        if (snapshot?.Overall is { } overall)
        {
            yield return new Measurement<int>((int)overall);
        }
    }
}
