namespace OpsKit.Health;

/// <summary>
/// What an Unhealthy critical check does to readiness (configuration keys <c>OpsKit:Health:Readiness</c> and
/// <c>OpsKit:Health:Checks:&lt;name&gt;:Readiness</c>). docs/probes.md explains the choice.
/// </summary>
public enum CheckReadiness
{
    /// <summary>The service is not ready without it: readiness (and <c>GET /health</c>) answers 503 Unhealthy.</summary>
    Required,

    /// <summary>
    /// The service stays in rotation without it: readiness answers 200 Degraded with reason <c>dependency</c> naming the
    /// check, while the check itself is reported Unhealthy (its status gauge and alerts are unchanged).
    /// </summary>
    Degrade,
}
