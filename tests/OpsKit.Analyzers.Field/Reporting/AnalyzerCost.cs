namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>One analyzer's total own time (ms) and, for OpsKit's, its ratio to the median Meziantou analyzer.</summary>
internal sealed record AnalyzerCost(string Analyzer, double TotalMs, double? RatioToMeziantouMedian);
