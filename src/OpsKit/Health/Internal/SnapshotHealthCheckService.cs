using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Health.Internal;

/// <summary>
/// Replaces ASP.NET Core's <see cref="HealthCheckService"/>: a <see cref="HealthReport"/> built from the engine's
/// snapshot, without running a check. Every <see cref="IHealthCheckPublisher"/> (called by ASP.NET Core's own publisher
/// service on <see cref="HealthCheckPublisherOptions"/>' period) and any other caller get the engine's results.
/// Without a host the engine has no snapshot (a tool that builds a service provider and asks once): then ASP.NET
/// Core's own service runs the checks, as before.
/// </summary>
internal sealed class SnapshotHealthCheckService(
    HealthCheckRunner runner,
    [FromKeyedServices(SnapshotHealthCheckService.RunningServiceKey)] HealthCheckService running) : HealthCheckService
{
    /// <summary>The key of ASP.NET Core's own <see cref="HealthCheckService"/>, kept for use without a host.</summary>
    public const string RunningServiceKey = "OpsKit.Health.RunningHealthCheckService";

    private const string NoResultYet = "no result yet: the check has not finished its first run";

    public override Task<HealthReport> CheckHealthAsync(
        Func<HealthCheckRegistration, bool>? predicate,
        CancellationToken cancellationToken = default)
    {
        var snapshot = runner.Snapshot;
        if (snapshot.Checks.Count == 0)
        {
            return running.CheckHealthAsync(predicate, cancellationToken);
        }

        var entries = new Dictionary<string, HealthReportEntry>(StringComparer.OrdinalIgnoreCase);
        var total = TimeSpan.Zero;
        for (var i = 0; i < snapshot.Checks.Count; i++)
        {
            var registration = snapshot.Checks[i].Registration;
            if (predicate is not null && !predicate(registration))
            {
                continue;
            }

            entries[registration.Name] = snapshot.Entries[i] is { } entry
                ? new HealthReportEntry(
                    entry.Status,
                    entry.Description ?? entry.Error?.Message,
                    entry.Duration,
                    exception: null,
                    entry.Data.Count == 0 ? null : entry.Data.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
                    registration.Tags)
                : new HealthReportEntry(HealthStatus.Unhealthy, NoResultYet, TimeSpan.Zero, null, null, registration.Tags);
            total = snapshot.Entries[i]?.Duration is { } duration && duration > total ? duration : total;
        }

        var status = HealthStatusRules.Aggregate(
            snapshot.Checks,
            snapshot.Entries,
            c => predicate is null || predicate(c.Registration),
            missingIsStarting: true) ?? HealthStatus.Unhealthy;
        return Task.FromResult(new HealthReport(entries, status, total));
    }
}
