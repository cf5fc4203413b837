namespace OpsKit.Analyzers.Field.Labels;

/// <summary>A labels/OPS000N.json file: one rule and its sites.</summary>
internal sealed record LabelFile
{
    public required string Rule { get; init; }

    public IReadOnlyList<LabelSite> Sites { get; init; } = [];
}
