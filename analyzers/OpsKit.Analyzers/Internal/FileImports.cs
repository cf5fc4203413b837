using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Per compilation and shared by the rules: which files can use the memory cache API (<c>Microsoft.Extensions.Caching.Memory</c>,
/// where the cache types and their write extension methods live) and which can call the DI registration methods
/// (<c>Microsoft.Extensions.DependencyInjection</c>, where <c>AddSingleton</c>, <c>AddMemoryCache</c> and their kin live)
/// without qualifying them: a using directive of the namespace or of one inside it, a global using in any file, or a
/// namespace declared inside it. OPS0003–OPS0005 search only those files for cache writes and registrations, OPS0006 and
/// OPS0007 only the latter for the registrations of a class.
/// </summary>
internal sealed class FileImports
{
    // Microsoft.Extensions.Caching.Memory and Microsoft.Extensions.DependencyInjection, from the right.
    private static readonly string[] CachingParts = ["Memory", "Caching", "Extensions", "Microsoft"];
    private static readonly string[] RegistrationParts = ["DependencyInjection", "Extensions", "Microsoft"];

    private static readonly ConditionalWeakTable<Compilation, FileImports> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly Lazy<Table> _imports;

    private FileImports(Compilation compilation)
    {
        _compilation = compilation;
        _imports = new Lazy<Table>(ReadImports, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    [Flags]
    private enum Imports
    {
        None = 0,
        Caching = 1,
        Registration = 2,
    }

    public static FileImports For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new FileImports(c));

    /// <summary>The file can use the cache types or the write extension methods without qualifying them.</summary>
    public bool SeesCaching(SyntaxTree tree)
        => (ImportsOf(tree) & Imports.Caching) != 0;

    /// <summary>The file can call the DI registration extension methods without qualifying them.</summary>
    public bool SeesRegistration(SyntaxTree tree)
        => (ImportsOf(tree) & Imports.Registration) != 0;

    /// <summary>The file can see the cache types or the registration methods.</summary>
    public bool SeesCachingOrRegistration(SyntaxTree tree)
        => ImportsOf(tree) != Imports.None;

    /// <summary>The global using aliases of the compilation (<c>global using Map = …;</c>), in any file.</summary>
    public IReadOnlyList<UsingDirectiveSyntax> GlobalAliases => _imports.Value.GlobalAliases;

    private Imports ImportsOf(SyntaxTree tree)
        => _imports.Value.ByTree.TryGetValue(tree, out var imports) ? imports : Imports.None;

    /// <summary>
    /// All the files are read once, in one pass over their directives (the parsed file's head, no text search), and a
    /// global using applies to every file.
    /// </summary>
    private Table ReadImports()
    {
        var global = Imports.None;
        var globalAliases = new List<UsingDirectiveSyntax>();
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
                        if (directive.Alias is not null)
                        {
                            globalAliases.Add(directive);
                        }
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

        return new Table(byTree, globalAliases);
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

    private sealed class Table(Dictionary<SyntaxTree, Imports> byTree, List<UsingDirectiveSyntax> globalAliases)
    {
        public Dictionary<SyntaxTree, Imports> ByTree { get; } = byTree;

        public List<UsingDirectiveSyntax> GlobalAliases { get; } = globalAliases;
    }
}
