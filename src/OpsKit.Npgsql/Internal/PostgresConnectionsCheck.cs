using Npgsql;

namespace OpsKit.Npgsql.Internal;

/// <summary><c>postgres.connections</c>: client backends on the server (all applications) vs <c>max_connections</c>.</summary>
internal sealed class PostgresConnectionsCheck(PostgresConnectionsCheckOptions options, PostgresCheckContextFactory contexts)
    : PostgresRowCheck(contexts.Create(options), Sql)
{
    // pg_stat_database.numbackends counts every database's backends for any role; pg_stat_activity hides the
    // backend_type of other roles' sessions from a role without pg_read_all_stats, so it cannot be filtered there.
    private const string Sql =
        "SELECT (SELECT COALESCE(sum(numbackends), 0) FROM pg_stat_database)::int, " +
        "current_setting('max_connections')::int, current_database()";

    protected override HealthCheckResult Judge(NpgsqlDataReader row)
    {
        var used = row.GetInt32(0);
        var max = row.GetInt32(1);
        var database = row.GetString(2);
        var usage = max > 0 ? Math.Round((double)used / max, 4) : 0;
        Target.SetConnections(database, usage);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["used"] = used,
            ["max"] = max,
            ["usage"] = usage,
        };
        return PostgresUsage.Judge(
            options, usage, string.Create(CultureInfo.InvariantCulture, $"{used} of {max} server connections used"), data);
    }
}
