namespace OpsKit.Health.Internal;

/// <summary>
/// An immutable picture of every check's latest result with the probe verdicts computed once, when a result
/// arrives, so a probe request only reads a reference.
/// </summary>
internal sealed class HealthSnapshot
{
    private HealthSnapshot(IReadOnlyList<CheckDescriptor> checks, IReadOnlyList<HealthGroup> groups, CheckResultEntry?[] entries, DateTimeOffset timestamp)
    {
        Checks = checks;
        Groups = groups;
        Entries = entries;
        Timestamp = timestamp;
        Live = HealthStatusRules.Aggregate(checks, entries, static c => c.Live, missingIsStarting: false);
        var degradedBy = new List<string>();
        Ready = HealthStatusRules.Readiness(checks, entries, static c => c.Ready, degradedBy);
        ReadyDegradedBy = Ready == HealthStatus.Degraded ? degradedBy : [];
        ReadyBody = ReadyDegradedBy.Count > 0 ? HealthResponses.DegradedByDependencies(ReadyDegradedBy) : null;
        Startup = HealthStatusRules.Aggregate(checks, entries, static c => c.Startup, missingIsStarting: true);
        Overall = HealthStatusRules.Aggregate(checks, entries, static _ => true, missingIsStarting: true);
        GroupStatus = [.. groups.Select(g => HealthStatusRules.Group(checks, entries, g.Contains))];
    }

    public IReadOnlyList<CheckDescriptor> Checks { get; }

    /// <summary>Latest result per check, by <see cref="CheckDescriptor.Index"/>; null until its first run ends.</summary>
    public IReadOnlyList<CheckResultEntry?> Entries { get; }

    /// <summary>The health groups, in name order.</summary>
    public IReadOnlyList<HealthGroup> Groups { get; }

    public DateTimeOffset Timestamp { get; }

    /// <summary>Overall status of the live checks; null never happens (missing results don't fail liveness).</summary>
    public HealthStatus? Live { get; }

    /// <summary>Overall status of the ready checks; null while one of them has no result yet.</summary>
    public HealthStatus? Ready { get; }

    /// <summary>
    /// While <see cref="Ready"/> is Degraded: the Unhealthy checks with <see cref="CheckReadiness.Degrade"/> that would
    /// otherwise have failed it; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> ReadyDegradedBy { get; }

    /// <summary>The readiness body naming <see cref="ReadyDegradedBy"/>, encoded once; null when it is empty.</summary>
    public byte[]? ReadyBody { get; }

    /// <summary>Overall status of the startup checks; null while one of them has no result yet.</summary>
    public HealthStatus? Startup { get; }

    /// <summary>Overall status of every check; null while one of them has no result yet.</summary>
    public HealthStatus? Overall { get; }

    /// <summary>Overall status of each group's checks, by position in <see cref="Groups"/>; null while one of them has no result yet.</summary>
    public IReadOnlyList<HealthStatus?> GroupStatus { get; }

    public static HealthSnapshot Empty(IReadOnlyList<CheckDescriptor> checks, IReadOnlyList<HealthGroup> groups, DateTimeOffset now) =>
        new(checks, groups, new CheckResultEntry?[checks.Count], now);

    public HealthSnapshot With(int index, CheckResultEntry entry, DateTimeOffset now)
    {
        var entries = (CheckResultEntry?[])((CheckResultEntry?[])Entries).Clone();
        entries[index] = entry;
        return new HealthSnapshot(Checks, Groups, entries, now);
    }
}
