namespace OpsKit.Health;

/// <summary>
/// Paths of the endpoints mapped by <c>MapOpsHealth()</c> (configuration keys <c>OpsKit:Health:Paths:*</c>).
/// </summary>
public sealed class OpsHealthPathOptions
{
    /// <summary>Liveness probe. Default: <c>/health/live</c>.</summary>
    public string Live { get; set; } = "/health/live";

    /// <summary>Readiness probe. Default: <c>/health/ready</c>.</summary>
    public string Ready { get; set; } = "/health/ready";

    /// <summary>Startup probe. Default: <c>/health/startup</c>.</summary>
    public string Startup { get; set; } = "/health/startup";

    /// <summary>Detailed JSON for callers allowed details. Default: <c>/health</c>.</summary>
    public string Details { get; set; } = "/health";

    /// <summary>
    /// Optional Aspire-style liveness alias (set it to <c>/alive</c>). Default: empty, which maps nothing.
    /// </summary>
    public string Alive { get; set; } = string.Empty;
}
