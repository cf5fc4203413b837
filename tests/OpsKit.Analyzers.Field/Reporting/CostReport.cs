namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>Each analyzer's own time summed over every project of a mode, OpsKit's next to Meziantou's median.</summary>
internal sealed record CostReport
{
    public required IReadOnlyList<AnalyzerCost> OpsKit { get; init; }

    public required IReadOnlyList<AnalyzerCost> Meziantou { get; init; }

    public double? MeziantouMedianMs { get; init; }

    public double? MeziantouMaxMs { get; init; }

    public string? MeziantouMaxAnalyzer { get; init; }
}
