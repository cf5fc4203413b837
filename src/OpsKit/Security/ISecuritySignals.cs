using System.Net;

namespace OpsKit.Security;

/// <summary>
/// Records application security events (for example <c>suspicious_activity</c>) on the same counter
/// (<c>opskit.security.events</c>), log event and top-offender table as the built-in hooks. Resolve it from DI after
/// <c>AddOpsSecuritySignals()</c>.
/// </summary>
public interface ISecuritySignals
{
    /// <summary>
    /// Counts one event. <paramref name="type"/> and <paramref name="reason"/> must be registered at start-up
    /// (<see cref="OpsSecurityOptions.EventTypes"/> or the built-in sets): an unknown value throws
    /// <see cref="ArgumentException"/> instead of creating a new label value.
    /// </summary>
    /// <param name="type">A registered event type.</param>
    /// <param name="reason">A reason registered for <paramref name="type"/>.</param>
    /// <param name="client">The client's address, for the top-offender table (never a metric label); null when none.</param>
    void RecordSecurityEvent(string type, string reason, IPAddress? client = null);
}
