using OpsKit.Health;

namespace Contoso.OpsKit.TcpService;

/// <summary>
/// Options of a <c>tcp-service</c> check: how long a TCP connect to <see cref="Host"/>:<see cref="Port"/> may take.
/// Bound from <c>OpsKit:Health:Checks:&lt;name&gt;</c> over the values set in code.
/// </summary>
public sealed class TcpServiceCheckOptions : OpsHealthCheckOptions
{
    /// <summary>The service's host name or address. Required.</summary>
    public string? Host { get; set; }

    /// <summary>The service's port, 1–65535. Required.</summary>
    public int? Port { get; set; }

    /// <summary>Connect latency at or above which the check is Degraded. Default: 200 ms.</summary>
    public TimeSpan DegradedAt { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Connect latency at or above which the check is Unhealthy; null for never. Default: 1 s.</summary>
    public TimeSpan? UnhealthyAt { get; set; } = TimeSpan.FromSeconds(1);
}
