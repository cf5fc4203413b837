using OpsKit.Health;
using OpsKit.Npgsql.Internal;

namespace OpsKit.Npgsql;

/// <summary>
/// Options of the <c>postgres.connections</c> check: server connections (all clients) vs <c>max_connections</c>; usage is
/// used / max_connections. Default <see cref="OpsRatioCheckOptions.DegradedAt"/>: 0.8.
/// </summary>
public sealed class PostgresConnectionsCheckOptions() : OpsRatioCheckOptions(degradedAt: 0.8), IPostgresCheckOptions
{
    PostgresTarget? IPostgresCheckOptions.Target { get; set; }

    /// <inheritdoc/>
    protected override bool IsRemoteDependency => true;
}
