using OpsKit.Health;
using OpsKit.Npgsql.Internal;

namespace OpsKit.Npgsql;

/// <summary>Options of the <c>postgres.connections</c> check: server connections (all clients) vs <c>max_connections</c>.</summary>
public sealed class PostgresConnectionsCheckOptions : OpsHealthCheckOptions, IPostgresCheckOptions
{
    /// <summary>Usage (used / max_connections, 0–1) at or above which the check is Degraded. Default: 0.8.</summary>
    public double DegradedAt { get; set; } = 0.8;

    /// <summary>Usage (0–1) at or above which the check is Unhealthy; null for never. Default: null.</summary>
    public double? UnhealthyAt { get; set; }

    PostgresTarget? IPostgresCheckOptions.Target { get; set; }
}
