namespace OpsKit.Health;

/// <summary>
/// Lets the application refuse traffic from code (draining a queue consumer, warming a cache): while refused,
/// <c>/health/ready</c> answers 503 with the reason, next to the maintenance file and <c>POST /health/maintenance</c>.
/// Resolve it from dependency injection after <c>AddOpsHealth()</c>.
/// </summary>
public interface IOpsAvailability
{
    /// <summary>The reason given to <see cref="RefuseTraffic"/> while traffic is refused; null otherwise.</summary>
    string? RefusalReason { get; }

    /// <summary>
    /// Makes readiness fail with <paramref name="reason"/> until <see cref="AcceptTraffic"/> is called or
    /// <paramref name="duration"/> has passed. A second call replaces the reason and the expiry.
    /// </summary>
    /// <param name="reason">
    /// A short, stable word shown as <c>reason</c> on <c>/health/ready</c>, in the <c>opskit.health.traffic.refused</c>
    /// gauge and in logs (for example <c>draining</c>): 1–64 characters of letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.
    /// </param>
    /// <param name="duration">How long the refusal lasts; null (the default) until <see cref="AcceptTraffic"/>.</param>
    void RefuseTraffic(string reason, TimeSpan? duration = null);

    /// <summary>Ends a refusal made with <see cref="RefuseTraffic"/>; does nothing when traffic is accepted.</summary>
    void AcceptTraffic();
}
