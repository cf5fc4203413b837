using Microsoft.Extensions.Primitives;

namespace OpsKit.Health;

/// <summary>
/// Read access to the health engine's latest snapshot, for transports other than the HTTP endpoints (gRPC health,
/// a custom listener, a publisher). Reading never runs a check. Resolve it from dependency injection after
/// <c>AddOpsHealth()</c>.
/// </summary>
public interface IOpsHealthState
{
    /// <summary>
    /// The current report: the verdict of each probe with its reason and the latest result of every check. Reading it
    /// costs a reference read while nothing has changed.
    /// </summary>
    OpsHealthReport Current { get; }

    /// <summary>
    /// A token that fires once, the next time a reported status changes: a check's status, a probe's status or reason
    /// (maintenance, traffic refused from code, shutdown). Take a new token after it fires, then read <see cref="Current"/>.
    /// </summary>
    /// <returns>A change token; use <c>ChangeToken.OnChange</c> to follow every change.</returns>
    IChangeToken GetChangeToken();
}
