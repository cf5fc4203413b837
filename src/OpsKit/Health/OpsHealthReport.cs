namespace OpsKit.Health;

/// <summary>One consistent picture of the engine's state, from one snapshot.</summary>
public sealed class OpsHealthReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="timestamp">When the snapshot was taken.</param>
    /// <param name="overall">The verdict over every check (the <c>/health</c> status).</param>
    /// <param name="live">The <c>/health/live</c> verdict.</param>
    /// <param name="ready">The <c>/health/ready</c> verdict.</param>
    /// <param name="startup">The <c>/health/startup</c> verdict.</param>
    /// <param name="entries">The latest result of every check, in registration order.</param>
    public OpsHealthReport(
        DateTimeOffset timestamp,
        OpsProbeStatus overall,
        OpsProbeStatus live,
        OpsProbeStatus ready,
        OpsProbeStatus startup,
        IReadOnlyList<OpsHealthEntry> entries)
    {
        Timestamp = timestamp;
        Overall = overall;
        Live = live;
        Ready = ready;
        Startup = startup;
        Entries = entries;
    }

    /// <summary>When the snapshot was taken (the end of the latest check run).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The verdict over every check, as <c>/health</c> reports it.</summary>
    public OpsProbeStatus Overall { get; }

    /// <summary>The <c>/health/live</c> verdict.</summary>
    public OpsProbeStatus Live { get; }

    /// <summary>The <c>/health/ready</c> verdict, maintenance, refused traffic and shutdown included.</summary>
    public OpsProbeStatus Ready { get; }

    /// <summary>The <c>/health/startup</c> verdict (passing for good once it has passed).</summary>
    public OpsProbeStatus Startup { get; }

    /// <summary>The latest result of every check, in registration order.</summary>
    public IReadOnlyList<OpsHealthEntry> Entries { get; }
}
