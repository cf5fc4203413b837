namespace OpsKit.Slo;

/// <summary>
/// Service-level objectives evaluated in process from ASP.NET Core's own request metric
/// (<c>http.server.request.duration</c>). Each objective is configured under <c>OpsKit:Slo:&lt;name&gt;</c>;
/// configuration is bound over the objectives set in code (configuration wins key by key).
/// </summary>
public sealed class OpsSloOptions
{
    /// <summary>The configuration section whose children are the objectives: <c>OpsKit:Slo</c>.</summary>
    public const string SectionName = "OpsKit:Slo";

    /// <summary>
    /// Objectives by name (<c>[a-z0-9][a-z0-9._-]*</c>; the name is the <c>slo</c> label of <c>opskit.slo.state</c>).
    /// Default: empty (then only the objectives in configuration exist).
    /// </summary>
    public IDictionary<string, OpsSloObjectiveOptions> Objectives { get; } = new Dictionary<string, OpsSloObjectiveOptions>(StringComparer.Ordinal);
}
