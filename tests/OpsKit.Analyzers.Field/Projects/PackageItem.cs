namespace OpsKit.Analyzers.Field.Projects;

/// <summary>A package the project references, with the version the project (or its central versions) asks for, if any.</summary>
internal sealed record PackageItem(string Id, string? Version);
