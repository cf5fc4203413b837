namespace OpsKit.Analyzers.Field.Analysis;

/// <summary>An exception thrown by an analyzer (what a build reports as AD0001).</summary>
internal sealed record AnalyzerFailure(string Analyzer, string Message);
