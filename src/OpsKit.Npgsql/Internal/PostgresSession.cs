using Npgsql;

namespace OpsKit.Npgsql.Internal;

/// <summary>A connection taken for one check run, and how long its commands may take: what is left of the run's budget.</summary>
internal readonly record struct PostgresSession(NpgsqlConnection Connection, TimeSpan Remaining)
{
    /// <summary>
    /// A command that times out by the end of the run's budget. Npgsql counts whole seconds, so this rounds down (the
    /// engine's hard timeout comes after the budget); at least 1, since 0 would mean never.
    /// </summary>
    public NpgsqlCommand Command(string sql) =>
        new(sql, Connection) { CommandTimeout = Math.Max(1, (int)Remaining.TotalSeconds) };
}
