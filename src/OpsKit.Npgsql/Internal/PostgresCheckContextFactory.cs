using OpsKit.Health;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// Makes the <see cref="PostgresCheckContext"/> of a check run from the services every PostgreSQL check shares, so a
/// check's constructor takes its options and this factory only.
/// </summary>
internal sealed class PostgresCheckContextFactory(
    IServiceProvider services,
    NpgsqlPoolMeter poolMeter,
    PostgresMetrics metrics,
    IOptions<OpsHealthOptions> engine)
{
    public PostgresCheckContext Create(OpsHealthCheckOptions options) => new(services, options, poolMeter, metrics, engine);
}
