using OpsKit.Health;
using OpsKit.Npgsql.Internal;

namespace OpsKit.Npgsql;

/// <summary>
/// Options of the <c>postgres.pool</c> check: busy connections of the client pool vs <c>Maximum Pool Size</c>, read from
/// Npgsql's own meter without taking a connection.
/// </summary>
public sealed class PostgresPoolCheckOptions : OpsHealthCheckOptions, IPostgresCheckOptions
{
    /// <summary>Usage (busy / max, 0–1) at or above which the check is Degraded. Default: 0.8.</summary>
    public double DegradedAt { get; set; } = 0.8;

    /// <summary>Usage (0–1) at or above which the check is Unhealthy; null for never. Default: null (a full pool is Degraded until an acquisition times out, which is <c>pool_exhausted</c>).</summary>
    public double? UnhealthyAt { get; set; }

    PostgresTarget? IPostgresCheckOptions.Target { get; set; }
}
