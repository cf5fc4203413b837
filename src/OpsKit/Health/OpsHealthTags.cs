namespace OpsKit.Health;

/// <summary>
/// The health-check tags the OpsKit engine recognises on a registration (<c>HealthCheckRegistration.Tags</c>) and in
/// <c>OpsKit:Health:Checks:&lt;name&gt;:Tags</c>. A check with none of the three probe tags runs for readiness only. Any
/// other tag is the app's own, for health groups to select by (<see cref="OpsHealthOptions.Groups"/>).
/// </summary>
public static class OpsHealthTags
{
    /// <summary>
    /// <c>live</c>: the check decides <c>/health/live</c> (no check does by default). Only for checks of the process itself:
    /// a failing dependency must not restart the pod.
    /// </summary>
    public const string Live = "live";

    /// <summary><c>ready</c>: the check decides <c>/health/ready</c>. The default when a check has no probe tag.</summary>
    public const string Ready = "ready";

    /// <summary><c>startup</c>: <c>/health/startup</c> answers 200 once these checks are Healthy, then for the life of the process.</summary>
    public const string Startup = "startup";

    /// <summary>
    /// <c>non-critical</c>: an Unhealthy result makes the overall status Degraded instead of failing readiness. The
    /// <c>critical: false</c> argument of the <c>Add…</c> methods adds it; <c>OpsKit:Health:Checks:&lt;name&gt;:Critical</c>
    /// overrides it.
    /// </summary>
    public const string NonCritical = "non-critical";
}
