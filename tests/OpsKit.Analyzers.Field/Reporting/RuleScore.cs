namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>Confusion counts of one rule (or all rules) in one mode. Unlabelled diagnostics are counted in <see cref="FalsePositives"/> too.</summary>
internal sealed record RuleScore
{
    public required string Rule { get; init; }

    public required int Sites { get; init; }

    public required int TruePositives { get; init; }

    public required int FalsePositives { get; init; }

    public required int FalseNegatives { get; init; }

    public required int TrueNegatives { get; init; }

    /// <summary>The part of <see cref="FalsePositives"/> reported on lines no label names.</summary>
    public required int UnlabelledDiagnostics { get; init; }

    /// <summary>False positives on no-flag sites marked hard.</summary>
    public required int HardFalsePositives { get; init; }

    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);

    public double? Recall => TruePositives + FalseNegatives == 0 ? null : (double)TruePositives / (TruePositives + FalseNegatives);
}
