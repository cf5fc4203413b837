namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>Everything one run measured (written as field-report.json; field-report.md renders it).</summary>
internal sealed record FieldReport
{
    public required DateTimeOffset GeneratedUtc { get; init; }

    public required string CommandLine { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>How each analyzer's time was taken: the order the analyzers ran in and how the runs were combined.</summary>
    public required string Timing { get; init; }

    public required string AnalyzersPath { get; init; }

    public required string LabelsDirectory { get; init; }

    public required string CorpusRoot { get; init; }

    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>The measured rules of each OpsKit analyzer, by analyzer type name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> AnalyzerRules { get; init; }

    public required IReadOnlyList<CorpusEntry> Corpus { get; init; }

    public required IReadOnlyList<ModeReport> Modes { get; init; }

    public required IReadOnlyList<ProjectReport> Projects { get; init; }

    /// <summary>Sites whose project could not be compiled at all (missing corpus tree or project file): not counted.</summary>
    public required IReadOnlyList<SiteReport> NotEvaluated { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }
}
