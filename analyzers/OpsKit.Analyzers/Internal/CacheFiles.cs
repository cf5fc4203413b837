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
/// rule asks first, and which files can see the caching API at all. A file's text is searched only when its using
/// directives (or a global using, or the namespace it declares) import <c>Microsoft.Extensions.Caching.Memory</c>,
/// where the cache types and the write extension methods live, or <c>Microsoft.Extensions.DependencyInjection</c>,
/// where <c>AddMemoryCache</c> lives. Reading the directives costs a fraction of searching the text.
/// </summary>
internal sealed class CacheFiles
{
    private const string CachingNamespace = "Microsoft.Extensions.Caching.Memory";
    private const string RegistrationNamespace = "Microsoft.Extensions.DependencyInjection";

    private static readonly ConditionalWeakTable<Compilation, CacheFiles> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, CacheFileText> _files = new();
    private readonly ConcurrentDictionary<SyntaxTree, Imports> _imports = new();
    private readonly Lazy<Imports> _globalImports;

    private CacheFiles(Compilation compilation)
    {
        _compilation = compilation;
        _globalImports = new Lazy<Imports>(GlobalImports, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    [Flags]
    private enum Imports
    {
        None = 0,
        Caching = 1,
        Registration = 2,
    }

    public static CacheFiles For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new CacheFiles(c));

    public CacheFileText Of(SyntaxTree tree, CancellationToken cancellationToken)
        => _files.TryGetValue(tree, out var file) ? file : _files.GetOrAdd(tree, CacheFileText.Read(tree.GetText(cancellationToken), cancellationToken));

    /// <summary>The file can use the cache types or the write extension methods without qualifying them.</summary>
    public bool SeesCaching(SyntaxTree tree, CancellationToken cancellationToken)
        => (ImportsOf(tree, cancellationToken) & Imports.Caching) != 0;

    /// <summary>The file can name the cache types or call <c>AddMemoryCache</c> without qualifying them.</summary>
    public bool SeesCacheOrRegistration(SyntaxTree tree, CancellationToken cancellationToken)
        => ImportsOf(tree, cancellationToken) != Imports.None;

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
        => SeesCacheOrRegistration(tree, cancellationToken) && Of(tree, cancellationToken).NamesMemoryCache;

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
        => SeesCaching(tree, cancellationToken) && !Of(tree, cancellationToken).WriteNameOffsets.IsEmpty;

    // Asked for every file by both write rules and by the registration scan: worked out once per file.
    private Imports ImportsOf(SyntaxTree tree, CancellationToken cancellationToken)
        => _imports.TryGetValue(tree, out var imports) ? imports : _imports.GetOrAdd(tree, ReadImports(tree, cancellationToken));

    private Imports ReadImports(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var global = _globalImports.Value;
        if (global == (Imports.Caching | Imports.Registration) || tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
        {
            return global;
        }

        return global | ImportsOf(unit.Usings) | ImportsOf(unit.Members);
    }

    private static Imports ImportsOf(SyntaxList<MemberDeclarationSyntax> members)
    {
        var imports = Imports.None;
        foreach (var member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax declaration)
            {
                imports |= ImportsOf(declaration.Name) | ImportsOf(declaration.Usings) | ImportsOf(declaration.Members);
            }
        }

        return imports;
    }

    private static Imports ImportsOf(SyntaxList<UsingDirectiveSyntax> usings)
    {
        var imports = Imports.None;
        foreach (var directive in usings)
        {
            // using X; using static X.CacheExtensions; using Alias = X; (an alias gives qualified access, close enough)
            if (directive.Name is { } name)
            {
                imports |= ImportsOf(name);
            }
        }

        return imports;
    }

    /// <summary>A name under one of the two namespaces; only a name that starts with Microsoft is spelled out.</summary>
    private static Imports ImportsOf(NameSyntax name)
    {
        var leftmost = name;
        while (leftmost is QualifiedNameSyntax qualified)
        {
            leftmost = qualified.Left;
        }

        if (leftmost is AliasQualifiedNameSyntax alias)
        {
            leftmost = alias.Name;
        }

        if (leftmost is not IdentifierNameSyntax { Identifier.ValueText: "Microsoft" })
        {
            return Imports.None;
        }

        var text = name.ToString();
        var start = text.StartsWith("global::", StringComparison.Ordinal) ? "global::".Length : 0;
        return string.CompareOrdinal(text, start, CachingNamespace, 0, CachingNamespace.Length) == 0 ? Imports.Caching
            : string.CompareOrdinal(text, start, RegistrationNamespace, 0, RegistrationNamespace.Length) == 0 ? Imports.Registration
            : Imports.None;
    }

    private Imports GlobalImports()
    {
        var imports = Imports.None;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            // The using directives head the parsed file: no text search needed.
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                continue;
            }

            foreach (var directive in unit.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.Name is { } name)
                {
                    imports |= ImportsOf(name);
                }
            }
        }

        return imports;
    }
}
