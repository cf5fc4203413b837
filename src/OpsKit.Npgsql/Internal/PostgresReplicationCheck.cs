using Npgsql;

namespace OpsKit.Npgsql.Internal;

/// <summary><c>postgres.replication</c>: on a replica, the time since the last replayed transaction; on a primary, Healthy.</summary>
internal sealed class PostgresReplicationCheck(PostgresReplicationCheckOptions options, PostgresCheckContextFactory contexts)
    : PostgresRowCheck(contexts.Create(options), Sql)
{
    private const string Sql =
        "SELECT pg_is_in_recovery(), " +
        "CASE WHEN pg_is_in_recovery() THEN COALESCE(EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp())), 0)::float8 END";

    protected override HealthCheckResult Judge(NpgsqlDataReader row)
    {
        if (!row.GetBoolean(0))
        {
            return HealthCheckResult.Healthy(
                "not a replica",
                new Dictionary<string, object>(StringComparer.Ordinal) { ["replica"] = false });
        }

        var lag = TimeSpan.FromSeconds(Math.Max(0, row.GetDouble(1)));
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["replica"] = true,
            ["lag_seconds"] = Math.Round(lag.TotalSeconds, 1),
        };
        var summary = string.Create(CultureInfo.InvariantCulture, $"replay lag {lag.TotalSeconds:0.#} s");
        if (options.UnhealthyLag is { } unhealthy && lag >= unhealthy)
        {
            return HealthCheckResult.Unhealthy(summary, data: data);
        }

        return lag >= options.DegradedLag ? HealthCheckResult.Degraded(summary, data: data) : HealthCheckResult.Healthy(summary, data);
    }
}
