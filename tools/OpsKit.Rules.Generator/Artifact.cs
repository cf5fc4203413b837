namespace OpsKit.Rules.Generator;

/// <summary>One generated file: its path relative to the repository root and its exact content.</summary>
public sealed record Artifact(string RelativePath, string Content);
