using OpsKit.Hosting.Internal;

namespace OpsKit.Telemetry.Internal;

/// <summary>One generated Prometheus alert, with the input series that make it fire and the ones that keep it quiet.</summary>
/// <param name="Name">Alert name (<c>OpsKit…</c>).</param>
/// <param name="Expression">PromQL over OpsKit's Prometheus names.</param>
/// <param name="For">How long the expression must hold, as a Prometheus duration.</param>
/// <param name="Severity"><c>warning</c> or <c>critical</c>.</param>
/// <param name="Summary">Summary annotation; may use <c>{{ $labels.x }}</c>.</param>
/// <param name="Description">Description annotation; may use <c>{{ $labels.x }}</c>.</param>
/// <param name="Firing">Series (selector, values) under which the alert fires once <paramref name="For"/> has passed.</param>
/// <param name="Quiet">Series under which it never fires.</param>
/// <param name="Labels">Labels the firing alert carries besides <c>alertname</c> and <c>severity</c>.</param>
internal sealed record AlertRule(
    string Name,
    string Expression,
    string For,
    string Severity,
    string Summary,
    string Description,
    IReadOnlyList<(string Series, string Values)> Firing,
    IReadOnlyList<(string Series, string Values)> Quiet,
    IReadOnlyList<(string Name, string Value)> Labels);
