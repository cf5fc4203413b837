namespace OpsKit.Npgsql;

/// <summary>
/// What <c>AddNpgsql()</c> registers. Thresholds set here are defaults in code; each check's
/// <c>OpsKit:Health:Checks:&lt;name&gt;</c> section (for example <c>OpsKit:Health:Checks:postgres.pool</c>) overrides them.
/// </summary>
public sealed class OpsNpgsqlOptions
{
    /// <summary>
    /// The name of the round-trip check and the prefix of the others (<c>postgres.pool</c>, <c>postgres.connections</c>, …).
    /// Change it when the application checks more than one data source. Default: <c>postgres</c>.
    /// </summary>
    public string Name { get; set; } = "postgres";

    /// <summary>
    /// The pool name Npgsql reports in its metrics (<c>db.client.connection.pool.name</c>). Set it when the data source
    /// was built with <c>NpgsqlDataSourceBuilder.Name</c>. Default: the data source's connection string without password,
    /// which is what Npgsql uses when no name is given.
    /// </summary>
    public string? PoolName { get; set; }

    /// <summary>Whether to register the client pool check (<c>postgres.pool</c>). Default: <see langword="true"/>.</summary>
    public bool EnablePool { get; set; } = true;

    /// <summary>Whether to register the server connections check (<c>postgres.connections</c>). Default: <see langword="true"/>.</summary>
    public bool EnableConnections { get; set; } = true;

    /// <summary>Whether to register the long and idle-in-transaction sessions check (<c>postgres.transactions</c>). Default: <see langword="true"/>.</summary>
    public bool EnableTransactions { get; set; } = true;

    /// <summary>Whether to register the replication lag check (<c>postgres.replication</c>). Default: <see langword="true"/>.</summary>
    public bool EnableReplication { get; set; } = true;

    /// <summary>Options of the round-trip check (<c>postgres</c>).</summary>
    public PostgresCheckOptions Postgres { get; } = new();

    /// <summary>Options of the client pool check (<c>postgres.pool</c>).</summary>
    public PostgresPoolCheckOptions Pool { get; } = new();

    /// <summary>Options of the server connections check (<c>postgres.connections</c>).</summary>
    public PostgresConnectionsCheckOptions Connections { get; } = new();

    /// <summary>Options of the sessions check (<c>postgres.transactions</c>).</summary>
    public PostgresTransactionsCheckOptions Transactions { get; } = new();

    /// <summary>Options of the replication lag check (<c>postgres.replication</c>).</summary>
    public PostgresReplicationCheckOptions Replication { get; } = new();
}
