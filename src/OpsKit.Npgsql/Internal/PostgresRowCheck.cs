using Npgsql;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// A PostgreSQL check that runs <paramref name="sql"/>, a query of one row, as <see cref="PostgresCheckContext.RunAsync"/>
/// does, and judges that row.
/// </summary>
internal abstract class PostgresRowCheck(PostgresCheckContext postgres, string sql) : IHealthCheck
{
    protected PostgresTarget Target => postgres.Target;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        postgres.RunAsync(
            context.Registration.Name,
            session =>
            {
                using var command = session.Command(sql);
                using var reader = command.ExecuteReader();
                reader.Read();
                return Judge(reader);
            },
            cancellationToken);

    protected abstract HealthCheckResult Judge(NpgsqlDataReader row);
}
