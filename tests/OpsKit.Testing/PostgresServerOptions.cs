namespace OpsKit.Testing;

/// <summary>Settings for a private <see cref="PostgresServer"/>.</summary>
public sealed class PostgresServerOptions
{
    /// <summary>The server's <c>max_connections</c>. Default 100.</summary>
    public int MaxConnections { get; set; } = 100;

    /// <summary>Extra server settings written to the cluster's configuration (name → value, e.g. <c>statement_timeout</c> → <c>5s</c>). Default empty.</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The directory holding initdb, pg_ctl and postgres. Default: the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>How long start and stop may take before the fixture gives up. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
