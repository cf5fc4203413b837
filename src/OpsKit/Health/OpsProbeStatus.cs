using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Health;

/// <summary>The verdict of one probe (live, ready, startup or overall), as its HTTP endpoint would answer it.</summary>
/// <param name="Status">The status in the probe body: Unhealthy while a reason applies.</param>
/// <param name="Reason">
/// Why the probe fails whatever the checks say: <c>starting</c> (a check has no result yet), <c>maintenance</c>,
/// <c>stopping</c>, or the reason given to <see cref="IOpsAvailability.RefuseTraffic"/>; null otherwise.
/// </param>
/// <param name="IsPassing">Whether the probe passes: its endpoint answers 200 and a gRPC health service answers SERVING.</param>
public sealed record OpsProbeStatus(HealthStatus Status, string? Reason, bool IsPassing);
