namespace OpsKit.Rules.Generator;

/// <summary>One Prometheus alert. Alert names are public contract: operators route and silence by them.</summary>
/// <param name="Name">Alert name (<c>OpsKit…</c>).</param>
/// <param name="Expression">PromQL over OpsKit's Prometheus names.</param>
/// <param name="For">How long the expression must hold, as a Prometheus duration; <see langword="null"/> fires at once.</param>
/// <param name="Severity"><c>warning</c> or <c>critical</c>.</param>
/// <param name="Summary">Summary annotation; may use <c>{{ $labels.x }}</c>.</param>
/// <param name="Description">Description annotation, if any; may use <c>{{ $labels.x }}</c>.</param>
public sealed record AlertRule(string Name, string Expression, string? For, string Severity, string Summary, string? Description = null)
{
    /// <summary>Input series for a generated <c>promtool test rules</c> case; <see langword="null"/> when the rule file's tests are written by hand.</summary>
    public AlertTest? Test { get; init; }
}
