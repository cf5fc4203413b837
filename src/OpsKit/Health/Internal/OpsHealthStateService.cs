using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Primitives;

namespace OpsKit.Health.Internal;

/// <summary>
/// <see cref="IOpsHealthState"/> over the runner's snapshot: the report is built once per snapshot and state change
/// and shared by every reader; the change token is cancelled when a check's status, maintenance, a refusal or
/// shutdown changes.
/// </summary>
internal sealed class OpsHealthStateService : IOpsHealthState
{
    private readonly HealthCheckRunner _runner;
    private readonly MaintenanceState _maintenance;
    private readonly LifecycleState _lifecycle;
    private readonly TrafficRefusal _refusal;
    private CancellationTokenSource _changes = new();
    private Cached? _cached;
    private int _version;
    private volatile bool _startupLatched;

    public OpsHealthStateService(HealthCheckRunner runner, MaintenanceState maintenance, LifecycleState lifecycle, TrafficRefusal refusal)
    {
        _runner = runner;
        _maintenance = maintenance;
        _lifecycle = lifecycle;
        _refusal = refusal;
        runner.StatusChanged += Signal;
        maintenance.Changed += Signal;
        lifecycle.Changed += Signal;
        refusal.Changed += Signal;
    }

    public OpsHealthReport Current
    {
        get
        {
            var snapshot = _runner.Snapshot;
            var version = Volatile.Read(ref _version);
            var cached = Volatile.Read(ref _cached);
            if (cached is not null && ReferenceEquals(cached.Snapshot, snapshot) && cached.Version == version)
            {
                return cached.Report;
            }

            var report = Build(snapshot);
            Volatile.Write(ref _cached, new Cached(snapshot, version, report));
            return report;
        }
    }

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changes).Token);

    private void Signal()
    {
        Interlocked.Increment(ref _version);

        // Not disposed: a reader may still be registering on the old token; it is already cancelled, so nothing leaks.
        var previous = Interlocked.Exchange(ref _changes, new CancellationTokenSource());
        previous.Cancel();
    }

    private OpsHealthReport Build(HealthSnapshot snapshot)
    {
        var lifecycleReason = _lifecycle.Stopping ? LifecycleReasons.Stopping
            : _maintenance.IsActive ? LifecycleReasons.Maintenance
            : _refusal.RefusalReason;

        // As GET /health answers it: the checks' status, with the lifecycle reason shown beside it.
        var overallStatus = snapshot.Overall ?? HealthStatus.Unhealthy;
        var overall = new OpsProbeStatus(
            overallStatus,
            lifecycleReason ?? (snapshot.Overall is null ? LifecycleReasons.Starting : null),
            IsPassing: overallStatus != HealthStatus.Unhealthy);
        var live = Verdict(snapshot.Live ?? HealthStatus.Healthy, null, degradedPasses: true);
        var ready = Verdict(snapshot.Ready, lifecycleReason, degradedPasses: true);
        OpsProbeStatus startup;
        if (_startupLatched || snapshot.Startup == HealthStatus.Healthy)
        {
            _startupLatched = true;
            startup = new OpsProbeStatus(HealthStatus.Healthy, null, IsPassing: true);
        }
        else
        {
            startup = Verdict(snapshot.Startup, null, degradedPasses: false);
        }

        var entries = new OpsHealthEntry[snapshot.Checks.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var check = snapshot.Checks[i];
            var entry = snapshot.Entries[i];
            entries[i] = new OpsHealthEntry(
                check.Name,
                entry?.Status,
                check.Critical,
                check.Tags,
                entry?.Duration ?? TimeSpan.Zero,
                entry?.LastRun,
                entry?.LastChange,
                entry?.Description,
                entry?.Error?.Category);
        }

        var groups = new Dictionary<string, OpsProbeStatus>(snapshot.Groups.Count, StringComparer.Ordinal);
        for (var i = 0; i < snapshot.Groups.Count; i++)
        {
            groups[snapshot.Groups[i].Name] = Verdict(snapshot.GroupStatus[i], lifecycleReason, degradedPasses: true);
        }

        return new OpsHealthReport(snapshot.Timestamp, overall, live, ready, startup, entries) { Groups = groups };
    }

    /// <summary>The probe rules of docs/endpoints.md: a reason fails the probe; no result yet is <c>starting</c>.</summary>
    private static OpsProbeStatus Verdict(HealthStatus? status, string? reason, bool degradedPasses)
    {
        if (reason is not null)
        {
            return new OpsProbeStatus(HealthStatus.Unhealthy, reason, IsPassing: false);
        }

        if (status is not { } s)
        {
            return new OpsProbeStatus(HealthStatus.Unhealthy, LifecycleReasons.Starting, IsPassing: false);
        }

        var passing = s == HealthStatus.Healthy || (degradedPasses && s == HealthStatus.Degraded);
        return new OpsProbeStatus(s, null, passing);
    }

    private sealed record Cached(HealthSnapshot Snapshot, int Version, OpsHealthReport Report);
}
