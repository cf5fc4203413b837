namespace OpsKit.Rules.Generator;

/// <summary>The input series that make an alert fire and the ones that keep it quiet, for <c>promtool test rules</c>.</summary>
/// <param name="Firing">Series (selector, values) under which the alert fires once its <c>for</c> has passed.</param>
/// <param name="Quiet">Series under which it never fires.</param>
/// <param name="Labels">Labels the firing alert carries besides <c>alertname</c> and <c>severity</c>.</param>
public sealed record AlertTest(
    IReadOnlyList<(string Series, string Values)> Firing,
    IReadOnlyList<(string Series, string Values)> Quiet,
    IReadOnlyList<(string Name, string Value)> Labels);
