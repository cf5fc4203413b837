using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Field.Projects;

namespace OpsKit.Analyzers.Field.Building;

/// <summary>A project compiled in one mode, with the analyzer config options the SDK would pass.</summary>
internal sealed class CompiledProject
{
    public required ProjectInfo Project { get; init; }

    public required CompileMode Mode { get; init; }

    public required CSharpCompilation Compilation { get; init; }

    public required AnalyzerOptions AnalyzerOptions { get; init; }

    /// <summary>Null in half mode.</summary>
    public ProjectRestore? Restore { get; init; }

    /// <summary>Project references that could not be compiled (missing file, cycle), by path.</summary>
    public required IReadOnlyList<string> BrokenReferences { get; init; }
}
