namespace OpsKit.Health;

/// <summary>
/// Options of the OpsKit health engine, bound from the <c>OpsKit:Health</c> configuration section.
/// </summary>
public sealed class OpsHealthOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "OpsKit:Health";

    /// <summary>
    /// How often each check runs in the background unless the check sets its own period. Default: 10 seconds; at least
    /// 1 second (a shorter period buys no faster detection, since probes read the snapshot, but runs every check, and its
    /// database round trips, many times a second). Runs are jittered by up to 10 % so that checks of many replicas do not
    /// hit a dependency at the same instant.
    /// </summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Hard timeout of one check run unless the check sets its own. A run still running when its timeout is handled is
    /// abandoned and reported Unhealthy with category <c>timeout</c>, even when the check ignores its cancellation token;
    /// one that ended meanwhile (a stalled process handles both late) keeps its own result. Default: 5 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Who sees the detailed JSON at the details path. Default: <see cref="HealthDetailsExposure.Always"/> in the
    /// Development environment, <see cref="HealthDetailsExposure.Authorized"/> otherwise.
    /// </summary>
    public HealthDetailsExposure? Details { get; set; }

    /// <summary>
    /// Name of the authorization policy of operators. Details: callers that pass it (without a policy, any authenticated
    /// caller). State changes (<c>POST /health?refresh=</c>, <c>POST /health/maintenance</c>): only callers that pass
    /// it, whatever <see cref="Details"/> says; without a policy they are disabled outside Development, and in
    /// Development only callers on this machine without forwarding headers may use them. Default: none.
    /// </summary>
    public string? DetailsPolicy { get; set; }

    /// <summary>
    /// A secret that lets a HealthChecks UI (or any poller) read <c>GET {details}?format=healthchecks-ui</c> with every
    /// entry, whatever <see cref="Details"/> says, by sending it in the <see cref="HealthChecksUiAccessKeyHeader"/> header.
    /// It grants that format only: not the detailed JSON, groups or state changes. Compared in constant time; at least 32
    /// characters; masked in <c>/ops/info</c> and never logged. Set it from a secret store, not from a committed file
    /// (docs/security.md). Default: none (the UI format follows <see cref="Details"/> like the detailed JSON).
    /// </summary>
    public string? HealthChecksUiAccessKey { get; set; }

    /// <summary>The request header that carries <see cref="HealthChecksUiAccessKey"/>: <c>X-OpsKit-Health-Key</c>.</summary>
    public const string HealthChecksUiAccessKeyHeader = "X-OpsKit-Health-Key";

    /// <summary>
    /// Path of a file whose existence puts the service into maintenance: readiness answers 503 with reason
    /// <c>maintenance</c> while liveness stays 200. Checked every second. Default: none.
    /// </summary>
    public string? MaintenanceFile { get; set; }

    /// <summary>
    /// How long the host keeps serving after shutdown starts, with readiness answering 503 <c>stopping</c>, so load
    /// balancers stop sending traffic before the server closes. Keep it below Kubernetes'
    /// <c>terminationGracePeriodSeconds</c>. Default: 10 seconds, the readiness period × failure threshold (5 s × 2) of the
    /// probe settings docs/probes.md recommends, so every client that follows readiness has seen 503 before the server closes.
    /// </summary>
    public TimeSpan ShutdownDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many check runs may execute at once. A run abandoned at its timeout gives its slot back. Default: 8.
    /// </summary>
    public int MaxParallelism { get; set; } = 8;

    /// <summary>
    /// Consecutive non-Healthy runs of a check before its reported status leaves Healthy, unless the check sets its own.
    /// Default: 1 (the first failed run counts).
    /// </summary>
    public int FailureThreshold { get; set; } = 1;

    /// <summary>
    /// Consecutive Healthy runs of a check before its reported status returns to Healthy, unless the check sets its own.
    /// Default: 1.
    /// </summary>
    public int SuccessThreshold { get; set; } = 1;

    /// <summary>
    /// What an Unhealthy critical check of a remote dependency (http, tcp, remote certificate, PostgreSQL, Redis) does to
    /// readiness unless the check sets its own <see cref="OpsHealthCheckOptions.Readiness"/>. Checks of this process and
    /// host (disk, memory, directories, start-up work) are <see cref="CheckReadiness.Required"/> whatever this says.
    /// Default: <see cref="CheckReadiness.Degrade"/>, so an outage every replica shares does not take them all out of
    /// rotation at once (docs/probes.md).
    /// </summary>
    public CheckReadiness Readiness { get; set; } = CheckReadiness.Degrade;

    /// <summary>Paths of the health endpoints.</summary>
    public OpsHealthPathOptions Paths { get; set; } = new();

    /// <summary>
    /// Health groups by name (<c>OpsKit:Health:Groups:&lt;name&gt;</c>; names match <c>[a-z0-9][a-z0-9._-]*</c> and are
    /// not <c>live</c>, <c>ready</c> or <c>startup</c>). Default: none.
    /// </summary>
    public IDictionary<string, OpsHealthGroupOptions> Groups { get; } = new Dictionary<string, OpsHealthGroupOptions>(StringComparer.Ordinal);

    /// <summary>The shortest <see cref="Period"/> (engine or check) start-up accepts. Not configurable: tests of the engine's own scheduling lower it.</summary>
    internal TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
