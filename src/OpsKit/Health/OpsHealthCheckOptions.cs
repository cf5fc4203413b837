namespace OpsKit.Health;

/// <summary>
/// Keys every check accepts in its <c>OpsKit:Health:Checks:&lt;name&gt;</c> section. Options classes of OpsKit's
/// built-in checks derive from this class and add their own keys.
/// </summary>
public class OpsHealthCheckOptions
{
    /// <summary>
    /// The built-in check type (<c>http</c>, <c>disk</c>, …) when the check is declared in configuration only.
    /// Leave it empty in a section that overrides a check registered in code.
    /// </summary>
    public string? Type { get; set; }

    /// <summary>
    /// Whether an Unhealthy result makes the service unready. A non-critical check that fails only makes the
    /// overall status Degraded. Default: <see langword="true"/>.
    /// </summary>
    public bool? Critical { get; set; }

    /// <summary>
    /// Probes the check belongs to: <c>live</c>, <c>ready</c>, <c>startup</c>, plus any tag a health group selects by
    /// (<see cref="OpsHealthOptions.Groups"/>); replaces the tags given in code. Default: <c>ready</c> (also when no
    /// probe is listed).
    /// </summary>
    public IList<string>? Tags { get; set; }

    /// <summary>How often the check runs. Default: the engine's <see cref="OpsHealthOptions.Period"/>.</summary>
    public TimeSpan? Period { get; set; }

    /// <summary>Hard timeout of one run. Default: the engine's <see cref="OpsHealthOptions.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// Names of checks this check depends on. While one of them is Unhealthy this check is not run (it costs no
    /// timeout): it reports its failure status (Unhealthy) with category <c>dependency</c> and data <c>dependency</c>
    /// naming the failed check, so alerts and logs point at the root cause. Unknown names and cycles fail start-up.
    /// Default: none (OpsKit.Npgsql and OpsKit.Redis make their other checks depend on <c>postgres</c> / <c>redis</c>).
    /// </summary>
    public IList<string>? DependsOn { get; set; }

    /// <summary>
    /// Consecutive non-Healthy runs before the reported status leaves Healthy (flap damping). Between Degraded and
    /// Unhealthy the latest run counts. Default: the engine's <see cref="OpsHealthOptions.FailureThreshold"/>.
    /// </summary>
    public int? FailureThreshold { get; set; }

    /// <summary>
    /// Consecutive Healthy runs before a non-Healthy reported status returns to Healthy. Default: the engine's
    /// <see cref="OpsHealthOptions.SuccessThreshold"/>.
    /// </summary>
    public int? SuccessThreshold { get; set; }

    /// <summary>
    /// What an Unhealthy result does to readiness when the check is critical: <see cref="CheckReadiness.Required"/> (503)
    /// or <see cref="CheckReadiness.Degrade"/> (200 Degraded, reason <c>dependency</c>). Default: the engine's
    /// <see cref="OpsHealthOptions.Readiness"/> for checks of a remote dependency (<see cref="IsRemoteDependency"/>),
    /// <see cref="CheckReadiness.Required"/> for every other check.
    /// </summary>
    public CheckReadiness? Readiness { get; set; }

    /// <summary>
    /// Whether the check probes a server that every replica shares (a database, a cache, an upstream), whose outage
    /// would make all replicas unready at once. Such checks take the engine's <see cref="OpsHealthOptions.Readiness"/>
    /// unless they set <see cref="Readiness"/>. Default: <see langword="false"/>; OpsKit's http, tcp, remote certificate,
    /// PostgreSQL and Redis checks answer <see langword="true"/>.
    /// </summary>
    protected internal virtual bool IsRemoteDependency => false;

    /// <summary>The check's name; set by OpsKit when the options are created.</summary>
    internal string Name { get; set; } = string.Empty;
}
