using OpsKit.Health;
using OpsKit.Npgsql.Internal;

namespace OpsKit.Npgsql;

/// <summary>
/// Options of the <c>postgres.pool</c> check: busy connections of the client pool vs <c>Maximum Pool Size</c>, read from
/// Npgsql's own meter without taking a connection; usage is busy / max. Default
/// <see cref="OpsRatioCheckOptions.DegradedAt"/>: 0.8; a full pool stays Degraded while <see cref="OpsRatioCheckOptions.UnhealthyAt"/>
/// is null, until an acquisition times out (<c>pool_exhausted</c>).
/// </summary>
public sealed class PostgresPoolCheckOptions() : OpsRatioCheckOptions(degradedAt: 0.8), IPostgresCheckOptions
{
    PostgresTarget? IPostgresCheckOptions.Target { get; set; }

    /// <inheritdoc/>
    protected override bool IsRemoteDependency => true;
}
