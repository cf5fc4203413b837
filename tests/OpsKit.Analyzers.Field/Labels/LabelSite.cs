namespace OpsKit.Analyzers.Field.Labels;

/// <summary>One labelled line of the field corpus (schema: README.md, "Labels").</summary>
internal sealed record LabelSite
{
    public string Rule { get; init; } = string.Empty;

    public required string Repo { get; init; }

    public string Commit { get; init; } = string.Empty;

    public required string Project { get; init; }

    public required string Path { get; init; }

    public required int Line { get; init; }

    public required string Expected { get; init; }

    public bool Hard { get; init; }

    public string Reason { get; init; } = string.Empty;

    public bool ExpectsFlag => Expected.Equals("flag", StringComparison.OrdinalIgnoreCase);
}
