namespace OpsKit.Health;

/// <summary>One consistent picture of the engine's state, from one snapshot.</summary>
/// <param name="Timestamp">When the snapshot was taken (the end of the latest check run).</param>
/// <param name="Overall">
/// The verdict over every check, as <c>/health</c> reports it: the checks' status (a lifecycle reason is shown beside it
/// and does not fail it).
/// </param>
/// <param name="Live">The <c>/health/live</c> verdict.</param>
/// <param name="Ready">The <c>/health/ready</c> verdict, maintenance, refused traffic and shutdown included.</param>
/// <param name="Startup">The <c>/health/startup</c> verdict (passing for good once it has passed).</param>
/// <param name="Entries">The latest result of every check, in registration order.</param>
public sealed record OpsHealthReport(
    DateTimeOffset Timestamp,
    OpsProbeStatus Overall,
    OpsProbeStatus Live,
    OpsProbeStatus Ready,
    OpsProbeStatus Startup,
    IReadOnlyList<OpsHealthEntry> Entries)
{
    /// <summary>
    /// The verdict of each health group (<c>OpsKit:Health:Groups</c>) by name, ruled as <see cref="Ready"/> is
    /// (maintenance, refused traffic and shutdown included). Default: empty.
    /// </summary>
    public IReadOnlyDictionary<string, OpsProbeStatus> Groups { get; init; } = new Dictionary<string, OpsProbeStatus>(StringComparer.Ordinal);
}
