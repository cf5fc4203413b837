namespace OpsKit.Health.Internal;

/// <summary>One check as the engine runs it: effective criticality, probes, period and timeout.</summary>
internal sealed class CheckDescriptor(
    int index,
    HealthCheckRegistration registration,
    bool critical,
    IReadOnlyList<string> tags,
    TimeSpan period,
    TimeSpan timeout)
{
    public int Index { get; } = index;

    public string Name => Registration.Name;

    public HealthCheckRegistration Registration { get; } = registration;

    public bool Critical { get; } = critical;

    /// <summary>Probe tags, sorted: a subset of live, ready, startup (never empty).</summary>
    public IReadOnlyList<string> Tags { get; } = tags;

    public bool Live { get; } = tags.Contains(OpsHealthTags.Live);

    public bool Ready { get; } = tags.Contains(OpsHealthTags.Ready);

    public bool Startup { get; } = tags.Contains(OpsHealthTags.Startup);

    public TimeSpan Period { get; } = period;

    public TimeSpan Timeout { get; } = timeout;
}
