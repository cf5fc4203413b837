using OpsKit.Health;
using OpsKit.Npgsql.Internal;

namespace OpsKit.Npgsql;

/// <summary>
/// Options of the <c>postgres.replication</c> check: on a replica (<c>pg_is_in_recovery()</c>), the replay lag. On a
/// primary the check is Healthy.
/// </summary>
public sealed class PostgresReplicationCheckOptions : OpsHealthCheckOptions, IPostgresCheckOptions
{
    /// <summary>Replay lag at or above which the check is Degraded. Default: 30 s.</summary>
    public TimeSpan DegradedLag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Replay lag at or above which the check is Unhealthy; null for never. Default: 5 minutes.</summary>
    public TimeSpan? UnhealthyLag { get; set; } = TimeSpan.FromMinutes(5);

    PostgresTarget? IPostgresCheckOptions.Target { get; set; }

    /// <inheritdoc/>
    protected override bool IsRemoteDependency => true;
}
