namespace OpsKit.Rules.Generator;

/// <summary>A Prometheus recording rule.</summary>
public sealed record RecordingRule(string Record, string Expression);
