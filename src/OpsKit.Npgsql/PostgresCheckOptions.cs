using OpsKit.Health;
using OpsKit.Npgsql.Internal;

namespace OpsKit.Npgsql;

/// <summary>Options of the <c>postgres</c> check: a <c>SELECT 1</c> round trip on the application's data source.</summary>
public sealed class PostgresCheckOptions : OpsHealthCheckOptions, IPostgresCheckOptions
{
    /// <summary>Round-trip latency (including taking a connection from the pool) at or above which the check is Degraded. Default: 1 s.</summary>
    public TimeSpan DegradedLatency { get; set; } = TimeSpan.FromSeconds(1);

    PostgresTarget? IPostgresCheckOptions.Target { get; set; }

    /// <inheritdoc/>
    protected override bool IsRemoteDependency => true;
}
