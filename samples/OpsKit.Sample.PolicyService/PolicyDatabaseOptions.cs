namespace OpsKit.Sample.PolicyService;

/// <summary>The policy database, from <c>ConnectionStrings:policydb</c>.</summary>
internal sealed class PolicyDatabaseOptions
{
    public const string ConnectionStringName = "policydb";

    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>The pool name Npgsql reports in its metrics, and the one the <c>postgres.pool</c> check reads.</summary>
    public const string PoolName = "policydb";

    /// <summary>What <c>pg_stat_activity.application_name</c> shows when the connection string sets none.</summary>
    public const string DefaultApplicationName = "acgs-policy-service";

    public string? ConnectionString { get; set; }
}
