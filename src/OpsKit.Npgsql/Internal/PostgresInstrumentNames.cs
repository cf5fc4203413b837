namespace OpsKit.Npgsql.Internal;

/// <summary>
/// The PostgreSQL package's instruments on the OpsKit meter (docs/metrics.md). Operators script against their
/// Prometheus renderings: never rename one.
/// </summary>
internal static class PostgresInstrumentNames
{
    public const string ConnectionsUsage = "opskit.postgres.connections.usage";
    public const string PoolUsage = "opskit.postgres.pool.usage";
    public const string PoolExhausted = "opskit.postgres.pool.exhausted";

    /// <summary>Label keys.</summary>
    public static class Labels
    {
        /// <summary>Of <see cref="ConnectionsUsage"/>: the database the server counts connections of.</summary>
        public const string Database = "database";
    }
}
