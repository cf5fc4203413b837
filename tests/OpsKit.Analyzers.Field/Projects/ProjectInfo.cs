namespace OpsKit.Analyzers.Field.Projects;

/// <summary>What the runner needs to know about one project file after evaluation.</summary>
internal sealed class ProjectInfo
{
    public required string FullPath { get; init; }

    public string Directory => Path.GetDirectoryName(FullPath)!;

    public required string AssemblyName { get; init; }

    /// <summary>Every SDK the project names (Project Sdk attribute, Sdk elements, Import Sdk attributes).</summary>
    public required IReadOnlyList<string> Sdks { get; init; }

    public required string TargetFramework { get; init; }

    public required string OutputType { get; init; }

    public required bool IsWebSdk { get; init; }

    public required bool IsTestProject { get; init; }

    public required bool NeedsAspNetCore { get; init; }

    public required bool ImplicitUsings { get; init; }

    public required string Nullable { get; init; }

    public required string LangVersion { get; init; }

    public required bool AllowUnsafeBlocks { get; init; }

    public required IReadOnlyList<string> DefineConstants { get; init; }

    public required IReadOnlyList<UsingItem> Usings { get; init; }

    /// <summary>Using items removed with Remove (they take implicit usings away too).</summary>
    public required IReadOnlyList<string> RemovedUsings { get; init; }

    public required IReadOnlyList<string> CompileFiles { get; init; }

    public required IReadOnlyList<string> ProjectReferences { get; init; }

    public required IReadOnlyList<PackageItem> Packages { get; init; }

    /// <summary>Assemblies referenced by path (Reference items with a HintPath that exists).</summary>
    public required IReadOnlyList<string> AssemblyReferences { get; init; }

    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>What could not be read the way MSBuild would (shown in the report, never fatal).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The SDK kind used for implicit global usings.</summary>
    public string SdkKind =>
        Sdks.Any(s => s.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase)) ? "Web"
        : Sdks.Any(s => s.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase)) ? "Worker"
        : Sdks.Any(s => s.StartsWith("Aspire.AppHost.Sdk", StringComparison.OrdinalIgnoreCase)) ? "AspireAppHost"
        : Sdks.Any(s => s.Equals("Microsoft.NET.Sdk.BlazorWebAssembly", StringComparison.OrdinalIgnoreCase)) ? "BlazorWebAssembly"
        : Sdks.Any(s => s.Equals("Microsoft.NET.Sdk.Razor", StringComparison.OrdinalIgnoreCase)) ? "Razor"
        : "Default";
}
