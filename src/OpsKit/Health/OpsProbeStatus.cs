using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Health;

/// <summary>The verdict of one probe (live, ready, startup or overall), as its HTTP endpoint would answer it.</summary>
public sealed class OpsProbeStatus
{
    /// <summary>Creates a verdict.</summary>
    /// <param name="status">The status in the probe body.</param>
    /// <param name="reason">The reason in the probe body, if any.</param>
    /// <param name="isPassing">Whether the probe passes (its endpoint answers 200).</param>
    public OpsProbeStatus(HealthStatus status, string? reason, bool isPassing)
    {
        Status = status;
        Reason = reason;
        IsPassing = isPassing;
    }

    /// <summary>The status in the probe body: Unhealthy while a reason applies.</summary>
    public HealthStatus Status { get; }

    /// <summary>
    /// Why the probe fails whatever the checks say: <c>starting</c> (a check has no result yet), <c>maintenance</c>,
    /// <c>stopping</c>, or the reason given to <see cref="IOpsAvailability.RefuseTraffic"/>; null otherwise.
    /// </summary>
    public string? Reason { get; }

    /// <summary>Whether the probe passes: its endpoint answers 200 and a gRPC health service answers SERVING.</summary>
    public bool IsPassing { get; }
}
