namespace OpsKit.Rules.Generator;

/// <summary>A <c>promtool test rules</c> case for recording rules: input series and the samples expected at 10m.</summary>
public sealed record RecordingTest(
    string Name,
    IReadOnlyList<(string Series, string Values)> Series,
    IReadOnlyList<(string Expression, string Labels, string Value)> Samples);
