using OpsKit.Health;

namespace OpsKit.Npgsql.Internal;

/// <summary><c>postgres.connections</c>: client backends on the server (all applications) vs <c>max_connections</c>.</summary>
internal sealed class PostgresConnectionsCheck(
    PostgresConnectionsCheckOptions options,
    IServiceProvider services,
    NpgsqlPoolMeter poolMeter,
    PostgresMetrics metrics,
    IOptions<OpsHealthOptions> engine) : IHealthCheck
{
    // pg_stat_database.numbackends counts every database's backends for any role; pg_stat_activity hides the
    // backend_type of other roles' sessions from a role without pg_read_all_stats, so it cannot be filtered there.
    private const string Sql =
        "SELECT (SELECT COALESCE(sum(numbackends), 0) FROM pg_stat_database)::int, " +
        "current_setting('max_connections')::int, current_database()";

    private readonly PostgresCheckContext _context = new(services, options, poolMeter, metrics, engine);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _context.QueryRowAsync(
            context.Registration.Name,
            Sql,
            reader =>
            {
                var used = reader.GetInt32(0);
                var max = reader.GetInt32(1);
                var database = reader.GetString(2);
                var usage = max > 0 ? Math.Round((double)used / max, 4) : 0;
                _context.Target.SetConnections(database, usage);
                var data = new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    ["used"] = used,
                    ["max"] = max,
                    ["usage"] = usage,
                };
                var summary = string.Create(CultureInfo.InvariantCulture, $"{used} of {max} server connections used");
                if (options.UnhealthyAt is { } unhealthyAt && usage >= unhealthyAt)
                {
                    return HealthCheckResult.Unhealthy(summary + string.Create(CultureInfo.InvariantCulture, $" (unhealthy at {unhealthyAt:0.##})"), data: data);
                }

                return usage >= options.DegradedAt
                    ? HealthCheckResult.Degraded(summary + string.Create(CultureInfo.InvariantCulture, $" (degraded at {options.DegradedAt:0.##})"), data: data)
                    : HealthCheckResult.Healthy(summary, data);
            },
            cancellationToken);
}
