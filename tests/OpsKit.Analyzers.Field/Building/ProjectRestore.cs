namespace OpsKit.Analyzers.Field.Building;

/// <summary>How a project's own packages (and those of the projects it references) fared in the repository's restore.</summary>
internal sealed record ProjectRestore(int Requested, IReadOnlyList<string> Restored, IReadOnlyList<string> Dropped, string? Failure);
