namespace OpsKit.Health;

/// <summary>
/// The failure categories reported in <c>error.category</c> of the detailed health JSON.
/// </summary>
public static class HealthErrorCategories
{
    /// <summary>The check did not finish within its timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>A host name could not be resolved.</summary>
    public const string Dns = "dns";

    /// <summary>The dependency refused or dropped the connection, or is not connected.</summary>
    public const string ConnectionRefused = "connection_refused";

    /// <summary>The TLS handshake or certificate validation failed.</summary>
    public const string Tls = "tls";

    /// <summary>The dependency answered with an unexpected status.</summary>
    public const string Status = "status";

    /// <summary>The dependency rejected the credentials.</summary>
    public const string Auth = "auth";

    /// <summary>The process lacks a permission (file mode, database privilege).</summary>
    public const string Permission = "permission";

    /// <summary>A measured value crossed a configured threshold.</summary>
    public const string Threshold = "threshold";

    /// <summary>No connection could be taken from an exhausted pool.</summary>
    public const string PoolExhausted = "pool_exhausted";

    /// <summary>The check was not run because a check it depends on (its <c>DependsOn</c>) is Unhealthy.</summary>
    public const string Dependency = "dependency";

    /// <summary>Any other exception.</summary>
    public const string Exception = "exception";
}
