namespace OpsKit.Rules.Generator;

/// <summary>
/// The levels of an OpsKit SLO preset that the threshold alerts repeat in PromQL (error rate as a ratio, p95 in seconds);
/// tests/OpsKit.Tests checks them against the presets OpsKit evaluates in process.
/// </summary>
public sealed record SloPreset(string Name, (double? Warning, double? Critical) ErrorRate, (double? Warning, double? Critical) P95);
