using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Per compilation and shared by OPS0003–OPS0005: the <see cref="CacheFileText"/> of each file, read once whichever
/// rule asks first. A file's text is searched only when it can see the caching API or <c>AddMemoryCache</c> at all
/// (<see cref="FileImports"/>): reading the directives costs a fraction of searching the text.
/// </summary>
internal sealed class CacheFiles
{
    private static readonly ConditionalWeakTable<Compilation, CacheFiles> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, CacheFileText> _files = new();
    private readonly FileImports _imports;

    private CacheFiles(Compilation compilation)
    {
        _compilation = compilation;
        _imports = FileImports.For(compilation);
    }

    public static CacheFiles For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new CacheFiles(c));

    public CacheFileText Of(SyntaxTree tree, CancellationToken cancellationToken)
        => _files.TryGetValue(tree, out var file) ? file : _files.GetOrAdd(tree, CacheFileText.Read(tree.GetText(cancellationToken), cancellationToken));

    /// <summary>The file can use the cache types or the write extension methods without qualifying them.</summary>
    public bool SeesCaching(SyntaxTree tree)
        => _imports.SeesCaching(tree);

    /// <summary>The file can name the cache types or call <c>AddMemoryCache</c> without qualifying them.</summary>
    public bool SeesCacheOrRegistration(SyntaxTree tree)
        => _imports.SeesCachingOrRegistration(tree);

    /// <summary>A file that can see the cache or its registration names MemoryCache (reads them up to the first that does).</summary>
    public bool AnyNamesMemoryCache(CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (NamesMemoryCache(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The file can see the cache or its registration, and its text names MemoryCache.</summary>
    public bool NamesMemoryCache(SyntaxTree tree, CancellationToken cancellationToken)
        => SeesCacheOrRegistration(tree) && Of(tree, cancellationToken).NamesMemoryCache;

    /// <summary>Some file may write into a memory cache: it imports the caching namespace and names a write method.</summary>
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
        => SeesCaching(tree) && !Of(tree, cancellationToken).WriteNameOffsets.IsEmpty;
}
