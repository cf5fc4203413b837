using Npgsql;
using NpgsqlTypes;
using OpsKit.Health;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// <c>postgres.transactions</c>: sessions whose transaction is older than <c>LongTransaction</c> or that sit
/// <c>idle in transaction</c> longer than <c>IdleInTransaction</c>. Reports pid, state and age; never query text (the
/// query column is not even selected). Without <c>pg_read_all_stats</c> a role sees only its own sessions: that gap is
/// reported (<c>missing_privilege</c>, category <c>permission</c>) instead of a silent Healthy.
/// </summary>
internal sealed class PostgresTransactionsCheck(PostgresTransactionsCheckOptions options, PostgresCheckContextFactory contexts) : IHealthCheck
{
    private const string Sql = """
        SELECT pid, state,
               EXTRACT(EPOCH FROM (now() - xact_start))::float8 AS xact_age,
               EXTRACT(EPOCH FROM (now() - state_change))::float8 AS state_age
        FROM pg_stat_activity
        WHERE pid <> pg_backend_pid()
          AND backend_type = 'client backend'
          AND ((xact_start IS NOT NULL AND now() - xact_start >= $1)
            OR (state IN ('idle in transaction', 'idle in transaction (aborted)') AND now() - state_change >= $2))
        ORDER BY xact_start NULLS LAST
        """;

    private const string PrivilegeSql =
        "SELECT pg_has_role('pg_read_all_stats', 'MEMBER') OR COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)";

    private readonly PostgresCheckContext _context = contexts.Create(options);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _context.RunAsync(
            context.Registration.Name,
            session =>
            {
                using var command = session.Command(Sql);
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Interval, Value = options.LongTransaction });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Interval, Value = options.IdleInTransaction });
                var sessions = new List<IReadOnlyDictionary<string, object?>>();
                var longRunning = 0;
                var idleInTransaction = 0;
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        var state = reader.IsDBNull(1) ? null : reader.GetString(1);
                        var transactionAge = reader.IsDBNull(2) ? 0 : reader.GetDouble(2);
                        var stateAge = reader.IsDBNull(3) ? 0 : reader.GetDouble(3);
                        var idle = state is not null && state.StartsWith("idle in transaction", StringComparison.Ordinal)
                            && stateAge >= options.IdleInTransaction.TotalSeconds;
                        var isLong = transactionAge >= options.LongTransaction.TotalSeconds;
                        longRunning += isLong ? 1 : 0;
                        idleInTransaction += idle ? 1 : 0;
                        if (sessions.Count < options.MaxSessions)
                        {
                            sessions.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                            {
                                ["pid"] = reader.GetInt32(0),
                                ["state"] = state,
                                ["age_seconds"] = Math.Round(transactionAge, 1),
                                ["state_age_seconds"] = Math.Round(stateAge, 1),
                            });
                        }
                    }
                }

                using var privilege = session.Command(PrivilegeSql);
                var canSeeAll = privilege.ExecuteScalar() is true;

                var data = new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    ["long_running"] = longRunning,
                    ["idle_in_transaction"] = idleInTransaction,
                    ["sessions"] = sessions,
                };
                if (!canSeeAll)
                {
                    data["missing_privilege"] = true;
                }

                if (longRunning > 0 || idleInTransaction > 0)
                {
                    var message = string.Create(
                        CultureInfo.InvariantCulture,
                        $"{longRunning} transaction(s) older than {options.LongTransaction.TotalSeconds:0} s, {idleInTransaction} session(s) idle in transaction longer than {options.IdleInTransaction.TotalSeconds:0} s");
                    return HealthCheckResult.Degraded(message, data: data);
                }

                if (!canSeeAll)
                {
                    const string message = "the role cannot see other roles' sessions (grant pg_read_all_stats)";
                    return HealthCheckResult.Degraded(
                        message,
                        new HealthCheckFailureException(HealthErrorCategories.Permission, message),
                        data);
                }

                return HealthCheckResult.Healthy(data: data);
            },
            cancellationToken);
}
