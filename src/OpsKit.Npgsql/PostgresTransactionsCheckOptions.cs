using OpsKit.Health;
using OpsKit.Npgsql.Internal;

namespace OpsKit.Npgsql;

/// <summary>
/// Options of the <c>postgres.transactions</c> check: transactions open longer than <see cref="LongTransaction"/> and
/// sessions idle in transaction longer than <see cref="IdleInTransaction"/>, reported by pid, state and age, never query
/// text. Seeing other roles' sessions needs the <c>pg_read_all_stats</c> role.
/// </summary>
public sealed class PostgresTransactionsCheckOptions : OpsHealthCheckOptions, IPostgresCheckOptions
{
    /// <summary>Age of a transaction (since <c>xact_start</c>) from which it is reported as long-running. Default: 5 minutes.</summary>
    public TimeSpan LongTransaction { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time in state <c>idle in transaction</c> from which a session is reported. Default: 1 minute.</summary>
    public TimeSpan IdleInTransaction { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many sessions are listed in <c>sessions</c> (oldest first). Default: 10.</summary>
    public int MaxSessions { get; set; } = 10;

    PostgresTarget? IPostgresCheckOptions.Target { get; set; }

    /// <inheritdoc/>
    protected override bool IsRemoteDependency => true;
}
