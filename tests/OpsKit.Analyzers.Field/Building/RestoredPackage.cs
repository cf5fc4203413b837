namespace OpsKit.Analyzers.Field.Building;

/// <summary>One package of a restore's dependency graph (from project.assets.json).</summary>
internal sealed record RestoredPackage(string Id, string Version, IReadOnlyList<string> References, IReadOnlyList<string> Dependencies, bool AspNetCore);
