namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>Scores, misses, false alarms, analyzer crashes and cost of one compile mode.</summary>
internal sealed record ModeReport
{
    public required string Mode { get; init; }

    public required IReadOnlyList<RuleScore> Rules { get; init; }

    public required RuleScore Overall { get; init; }

    public required IReadOnlyList<SiteReport> FalsePositives { get; init; }

    public required IReadOnlyList<SiteReport> FalseNegatives { get; init; }

    public required IReadOnlyList<FailureReport> Failures { get; init; }

    public required CostReport Cost { get; init; }

    /// <summary>Every diagnostic of the measured rules in the labelled projects (JSON only: for diffing runs).</summary>
    public IReadOnlyList<ReportedDiagnostic> Diagnostics { get; init; } = [];
}
