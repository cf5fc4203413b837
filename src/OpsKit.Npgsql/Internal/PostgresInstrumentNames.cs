namespace OpsKit.Npgsql.Internal;

/// <summary>
/// The PostgreSQL package's instruments on the OpsKit meter (docs/metrics.md). Operators script against their
/// Prometheus renderings: never rename one.
/// </summary>
internal static class PostgresInstrumentNames
{
    public const string ConnectionsUtilization = "opskit.postgres.connections.utilization";
    public const string PoolUtilization = "opskit.postgres.pool.utilization";
    public const string PoolExhausted = "opskit.postgres.pool.exhausted";

    /// <summary>Label keys.</summary>
    public static class Labels
    {
        /// <summary>Of <see cref="ConnectionsUtilization"/>: the database the server counts connections of.</summary>
        public const string Database = "database";
    }
}
