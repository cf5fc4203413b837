namespace OpsKit.Rules.Generator;

/// <summary>A Prometheus rule group: its recording rules, then its alerts.</summary>
public sealed record RuleGroup(string Name, IReadOnlyList<RecordingRule> Records, IReadOnlyList<AlertRule> Alerts);
