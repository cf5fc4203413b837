namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>One analyzer's total own time (ms) and, for OpsKit's, its ratios to the median Meziantou analyzer and to the median of the comparable ones.</summary>
internal sealed record AnalyzerCost(string Analyzer, double TotalMs, double? RatioToMeziantouMedian, double? RatioToComparableMedian = null);
