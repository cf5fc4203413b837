using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Per compilation and shared by OPS0003–OPS0005: the <see cref="CacheFileText"/> of each file, read once whichever
/// rule asks first, and whether a global using imports <c>Microsoft.Extensions.Caching.Memory</c> everywhere.
/// </summary>
internal sealed class CacheFiles
{
    private static readonly ConditionalWeakTable<Compilation, CacheFiles> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, CacheFileText> _files = new();
    private readonly Lazy<bool> _importedEverywhere;

    private CacheFiles(Compilation compilation)
    {
        _compilation = compilation;
        _importedEverywhere = new Lazy<bool>(HasGlobalCachingImport, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static CacheFiles For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new CacheFiles(c));

    /// <summary>A global using imports the caching namespace: a file may then call the write methods without naming it.</summary>
    public bool ImportedEverywhere => _importedEverywhere.Value;

    public CacheFileText Of(SyntaxTree tree, CancellationToken cancellationToken)
        => _files.TryGetValue(tree, out var file) ? file : _files.GetOrAdd(tree, CacheFileText.Read(tree.GetText(cancellationToken), cancellationToken));

    /// <summary>Some file names MemoryCache (reads the files up to the first that does).</summary>
    public bool AnyNamesMemoryCache(CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (Of(tree, cancellationToken).NamesMemoryCache)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Some file may write into a memory cache: it names a write method and the cache or its namespace.</summary>
    public bool AnyMayWrite(CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (MayWrite(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    public bool MayWrite(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var file = Of(tree, cancellationToken);
        return (file.NamesMemoryCache || file.NamesNamespace || ImportedEverywhere) && !file.WriteNameOffsets.IsEmpty;
    }

    private bool HasGlobalCachingImport()
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            // The using directives head the parsed file: no text search needed.
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                continue;
            }

            foreach (var directive in unit.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.Name?.ToString().EndsWith("Caching.Memory", StringComparison.Ordinal) == true)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
