namespace OpsKit.Packaging.Tests;

/// <summary>
/// The packed analyzer DLLs must load in every .NET 10 SDK compiler: no Workspaces in the analyzer assembly
/// (EnforceExtendedAnalyzerRules / RS1038), and no Roslyn newer than the 4.14 the project targets (a newer one is
/// silently disabled with CS9057 on an older SDK, environment.md §2).
/// </summary>
public sealed class AnalyzerAssemblyTests
{
    private const string AnalyzerEntry = "analyzers/dotnet/cs/OpsKit.Analyzers.dll";
    private const string CodeFixEntry = "analyzers/dotnet/cs/OpsKit.Analyzers.CodeFixes.dll";
    private static readonly Version HighestRoslyn = new(4, 14, 0, 0);

    public static TheoryData<string> PackagesWithAnalyzers => ["OpsKit", "OpsKit.Analyzers"];

    public static TheoryData<string, string> PackedAnalyzerDlls => new()
    {
        { "OpsKit", AnalyzerEntry },
        { "OpsKit", CodeFixEntry },
        { "OpsKit.Analyzers", AnalyzerEntry },
        { "OpsKit.Analyzers", CodeFixEntry },
    };

    [Theory]
    [MemberData(nameof(PackagesWithAnalyzers))]
    public void Analyzer_assembly_does_not_reference_Microsoft_CodeAnalysis_Workspaces(string packageId)
    {
        var analyzer = AnalyzerAssembly.Read(PackedPackage.Get(packageId), AnalyzerEntry);

        var workspaces = analyzer.References
            .Where(r => r.Name is { } name && name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && name.Contains("Workspaces", StringComparison.Ordinal))
            .Select(r => r.FullName)
            .ToList();

        Assert.True(workspaces.Count == 0, $"{packageId}: {AnalyzerEntry} references {string.Join(", ", workspaces)}; only the code-fix assembly may.");
    }

    [Theory]
    [MemberData(nameof(PackedAnalyzerDlls))]
    public void Analyzer_and_code_fix_assemblies_reference_no_Microsoft_CodeAnalysis_above_4_14(string packageId, string entry)
    {
        var assembly = AnalyzerAssembly.Read(PackedPackage.Get(packageId), entry);

        var tooNew = assembly.References
            .Where(r => r.Name is { } name && name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && r.Version > HighestRoslyn)
            .Select(r => r.FullName)
            .ToList();

        Assert.True(tooNew.Count == 0, $"{packageId}: {entry} references {string.Join(", ", tooNew)}, newer than {HighestRoslyn}.");
    }

    [Fact]
    public void OpsKit_and_OpsKit_Analyzers_ship_the_same_analyzer_build()
    {
        Assert.All(
            new[] { AnalyzerEntry, CodeFixEntry },
            entry => Assert.Equal(
                AnalyzerAssembly.Read(PackedPackage.Get("OpsKit"), entry).Mvid,
                AnalyzerAssembly.Read(PackedPackage.Get("OpsKit.Analyzers"), entry).Mvid));
    }
}
