using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
    // Microsoft.Extensions.Caching.Memory and Microsoft.Extensions.DependencyInjection, from the right.
    private static readonly string[] CachingParts = ["Memory", "Caching", "Extensions", "Microsoft"];
    private static readonly string[] RegistrationParts = ["DependencyInjection", "Extensions", "Microsoft"];

    private static readonly ConditionalWeakTable<Compilation, CacheFiles> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, CacheFileText> _files = new();
    private readonly Lazy<Dictionary<SyntaxTree, Imports>> _imports;

    private CacheFiles(Compilation compilation)
    {
        _compilation = compilation;
        _imports = new Lazy<Dictionary<SyntaxTree, Imports>>(ReadImports, LazyThreadSafetyMode.ExecutionAndPublication);
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
    public bool SeesCaching(SyntaxTree tree)
        => (ImportsOf(tree) & Imports.Caching) != 0;

    /// <summary>The file can name the cache types or call <c>AddMemoryCache</c> without qualifying them.</summary>
    public bool SeesCacheOrRegistration(SyntaxTree tree)
        => ImportsOf(tree) != Imports.None;

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

    private Imports ImportsOf(SyntaxTree tree)
        => _imports.Value.TryGetValue(tree, out var imports) ? imports : Imports.None;

    /// <summary>
    /// Every file is asked about by both write rules and by the registration scan: all are read once, in one pass over
    /// their directives (the parsed file's head, no text search), and a global using applies to every file.
    /// </summary>
    private Dictionary<SyntaxTree, Imports> ReadImports()
    {
        var global = Imports.None;
        var local = new List<(SyntaxTree Tree, Imports Imports)>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                local.Add((tree, Imports.None));
                continue;
            }

            var imports = ImportsOf(unit.Members);
            foreach (var directive in unit.Usings)
            {
                // using X; using static X.CacheExtensions; using Alias = X; (an alias gives qualified access, close enough)
                if (directive.Name is { } name)
                {
                    if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    {
                        global |= ImportsOf(name);
                    }
                    else
                    {
                        imports |= ImportsOf(name);
                    }
                }
            }

            local.Add((tree, imports));
        }

        var byTree = new Dictionary<SyntaxTree, Imports>(local.Count);
        foreach (var (tree, imports) in local)
        {
            byTree[tree] = imports | global;
        }

        return byTree;
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

    /// <summary>A name of one of the two namespaces or of something inside one, compared part by part (no string is built).</summary>
    private static Imports ImportsOf(NameSyntax name)
    {
        for (NameSyntax? current = name; current is not null; current = (current as QualifiedNameSyntax)?.Left)
        {
            if (Is(current, CachingParts))
            {
                return Imports.Caching;
            }

            if (Is(current, RegistrationParts))
            {
                return Imports.Registration;
            }
        }

        return Imports.None;
    }

    /// <summary>Whether the name is exactly the parts, read from the right (<c>global::</c> allowed).</summary>
    private static bool Is(NameSyntax name, string[] fromRight)
    {
        var current = name;
        for (var i = 0; i < fromRight.Length - 1; i++)
        {
            if (current is not QualifiedNameSyntax qualified || qualified.Right.Identifier.ValueText != fromRight[i])
            {
                return false;
            }

            current = qualified.Left;
        }

        if (current is AliasQualifiedNameSyntax alias)
        {
            current = alias.Name;
        }

        return current is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == fromRight[fromRight.Length - 1];
    }
}
