using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Field.Analysis;

/// <summary>
/// Loads analyzer assemblies from disk into the default load context, so their Microsoft.CodeAnalysis references
/// bind to the runner's own (one Roslyn in the process, as in the compiler server).
/// </summary>
internal sealed class AnalyzerAssemblyLoader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
}
