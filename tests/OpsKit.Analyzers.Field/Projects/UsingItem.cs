namespace OpsKit.Analyzers.Field.Projects;

/// <summary>A <c>Using</c> item: a global using the SDK writes into the generated GlobalUsings file.</summary>
internal sealed record UsingItem(string Namespace, string? Alias, bool IsStatic);
