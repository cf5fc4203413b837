namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>Each analyzer's own time summed over every project of a mode, OpsKit's next to Meziantou's median.</summary>
internal sealed record CostReport
{
    public required IReadOnlyList<AnalyzerCost> OpsKit { get; init; }

    public required IReadOnlyList<AnalyzerCost> Meziantou { get; init; }

    public double? MeziantouMedianMs { get; init; }

    public double? MeziantouMaxMs { get; init; }

    public string? MeziantouMaxAnalyzer { get; init; }

    /// <summary>Median of the Meziantou analyzers of comparable shapes that tests/OpsKit.Benchmarks measures (<see cref="ComparableMeziantou"/>).</summary>
    public double? ComparableMedianMs { get; init; }

    /// <summary>Invocation, operation and symbol analyzers like OpsKit's (the benchmark's sample; docs/analyzers.md names them).</summary>
    public static IReadOnlyList<string> ComparableMeziantou { get; } =
    [
        "UseConfigureAwaitAnalyzer",
        "UseStringComparisonAnalyzer",
        "UseIFormatProviderAnalyzer",
        "UseStringComparerAnalyzer",
        "AvoidClosureWhenUsingConcurrentDictionaryAnalyzer",
        "DoNotUseBlockingCallInAsyncContextAnalyzer",
        "ClassMustBeSealedAnalyzer",
        "DoNotUseNotYetInitializedStaticFieldAnalyzer",
    ];
}
