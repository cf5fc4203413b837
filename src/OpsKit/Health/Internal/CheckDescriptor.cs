namespace OpsKit.Health.Internal;

/// <summary>One check as the engine runs it: effective criticality and readiness, probes, period, timeout, dependencies and damping.</summary>
internal sealed class CheckDescriptor(
    int index,
    HealthCheckRegistration registration,
    bool critical,
    IReadOnlyList<string> tags,
    TimeSpan period,
    TimeSpan timeout,
    IReadOnlyList<string>? dependsOn = null,
    int failureThreshold = 1,
    int successThreshold = 1,
    CheckReadiness readiness = CheckReadiness.Required,
    IEnumerable<string>? allTags = null)
{
    public int Index { get; } = index;

    public string Name => Registration.Name;

    public HealthCheckRegistration Registration { get; } = registration;

    public bool Critical { get; } = critical;

    /// <summary>Probe tags, sorted: a subset of live, ready, startup (never empty).</summary>
    public IReadOnlyList<string> Tags { get; } = tags;

    /// <summary>Every tag of the check (probe tags, <c>non-critical</c> and the app's own), compared case-insensitively: what groups select by.</summary>
    public IReadOnlySet<string> AllTags { get; } = new HashSet<string>(allTags ?? tags, StringComparer.OrdinalIgnoreCase);

    public bool Live { get; } = tags.Contains(OpsHealthTags.Live);

    public bool Ready { get; } = tags.Contains(OpsHealthTags.Ready);

    public bool Startup { get; } = tags.Contains(OpsHealthTags.Startup);

    /// <summary>What an Unhealthy result of this check (when critical) does to the probes.</summary>
    public CheckReadiness Readiness { get; } = readiness;

    public TimeSpan Period { get; } = period;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Names of the checks this one depends on (validated at start-up: registered, no cycle).</summary>
    public IReadOnlyList<string> DependsOn { get; } = dependsOn ?? [];

    /// <summary>Consecutive non-Healthy runs before the reported status leaves Healthy.</summary>
    public int FailureThreshold { get; } = failureThreshold;

    /// <summary>Consecutive Healthy runs before the reported status returns to Healthy.</summary>
    public int SuccessThreshold { get; } = successThreshold;
}
