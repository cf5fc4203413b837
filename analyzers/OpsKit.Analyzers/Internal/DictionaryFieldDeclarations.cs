using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The field declarations of a compilation that can be dictionaries the rule judges, found from text and syntax alone
/// (nothing is bound): only a file whose text says <c>Dictionary</c> is walked, and only the member lists of its
/// namespaces and types, never a member's body. A declaration is kept when its type's syntax names a dictionary type or
/// an alias of one, and its modifiers allow a long-lived field: static, or a readonly instance field that is not
/// visible outside its type.
/// </summary>
internal sealed class DictionaryFieldDeclarations
{
    private readonly Dictionary<SyntaxTree, List<VariableDeclaratorSyntax>> _byTree;

    private DictionaryFieldDeclarations(Dictionary<SyntaxTree, List<VariableDeclaratorSyntax>> byTree, bool anyInstance, List<VariableDeclaratorSyntax> shared)
    {
        _byTree = byTree;
        AnyInstance = anyInstance;
        Shared = shared;
    }

    /// <summary>Whether the compilation declares no such field: the rule then needs no callback at all.</summary>
    public bool IsEmpty => _byTree.Count == 0;

    /// <summary>Whether one of the fields is an instance field (its lifetime depends on the DI registrations).</summary>
    public bool AnyInstance { get; }

    /// <summary>The static fields visible outside their type: any file may write into them.</summary>
    public List<VariableDeclaratorSyntax> Shared { get; }

    /// <summary>The candidate variables declared in <paramref name="tree"/>.</summary>
    public bool TryGet(SyntaxTree tree, out List<VariableDeclaratorSyntax> declarators)
        => _byTree.TryGetValue(tree, out declarators!);

    public static DictionaryFieldDeclarations Find(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        // One pass over the files that say Dictionary (a local alias of a dictionary type says it in the same file),
        // which also collects the global aliases of dictionary types. Such an alias can name a field's type in any file:
        // only when there is one are all the files walked.
        var found = Walk(compilation, options, globalAliases: null, cancellationToken);
        if (found.GlobalAliasesSeen is { } globalAliases)
        {
            found = Walk(compilation, options, globalAliases, cancellationToken);
        }

        return new DictionaryFieldDeclarations(found.ByTree, found.AnyInstance, found.Shared);
    }

    private static Found Walk(Compilation compilation, AnalyzerOptions options, HashSet<string>? globalAliases, CancellationToken cancellationToken)
    {
        var found = new Found(globalAliases);
        foreach (var tree in compilation.SyntaxTrees)
        {
            // The rule's callback never sees a generated file, so a field declared there is never judged (a short one
            // is walked when it says Dictionary, and its fields ignored); a global alias declared there (an MSBuild
            // <Using Alias=…/> item) still names field types in the other files.
            var text = tree.GetText(cancellationToken);
            if (GeneratedCode.IsLongAndGenerated(tree, text, options, cancellationToken))
            {
                if (globalAliases is null && tree.GetRoot(cancellationToken) is CompilationUnitSyntax generated)
                {
                    found.ReadGlobalAliases(generated);
                }

                continue;
            }

            // Most files declare no dictionary, and searching a file's text costs no more than walking its member lists
            // (less in a large library; docs/analyzers.md, section Cost).
            if (globalAliases is null && SourceTextSearch.IndexOfInPlace(text, "Dictionary") < 0)
            {
                continue;
            }

            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
            {
                found.Visit(tree, unit, cancellationToken);
            }
        }

        return found;
    }

    /// <summary>
    /// Adds the names of the aliases of dictionary types among the directives
    /// (<c>using Map = Dictionary&lt;string, int&gt;;</c>), a global one also to <paramref name="globalAliases"/>.
    /// </summary>
    private static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, ref HashSet<string>? aliases, ref HashSet<string>? globalAliases)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias && NamesDictionary(directive.NamespaceOrType))
            {
                var name = alias.Name.Identifier.ValueText;
                (aliases ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(name);
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                {
                    (globalAliases ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(name);
                }
            }
        }
    }

    private static bool NamesDictionary(TypeSyntax type)
    {
        foreach (var token in type.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && IsDictionaryName(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDictionaryName(string name) => name is "Dictionary" or "ConcurrentDictionary";

    /// <summary>What the walk found so far.</summary>
    private sealed class Found(HashSet<string>? globalAliases)
    {
        private HashSet<string>? _globalAliasesSeen;

        public Dictionary<SyntaxTree, List<VariableDeclaratorSyntax>> ByTree { get; } = [];

        public List<VariableDeclaratorSyntax> Shared { get; } = [];

        public bool AnyInstance { get; private set; }

        /// <summary>The global aliases of dictionary types met on the way (they name field types in every file).</summary>
        public HashSet<string>? GlobalAliasesSeen => _globalAliasesSeen;

        public void ReadGlobalAliases(CompilationUnitSyntax unit)
        {
            HashSet<string>? localAliases = null;
            AddAliases(unit.Usings, ref localAliases, ref _globalAliasesSeen);
        }

        public void Visit(SyntaxTree tree, CompilationUnitSyntax unit, CancellationToken cancellationToken)
        {
            // Aliases declared in this file (at its top or in one of its namespaces) can name a field's type anywhere in
            // it; taking them all for the whole file keeps a few extra declarations, which the rule's binding discards.
            HashSet<string>? localAliases = null;
            AddAliases(unit.Usings, ref localAliases, ref _globalAliasesSeen);
            Visit(tree, unit.Members, ref localAliases, cancellationToken);
        }

        private void Visit(SyntaxTree tree, SyntaxList<MemberDeclarationSyntax> members, ref HashSet<string>? localAliases, CancellationToken cancellationToken)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case FieldDeclarationSyntax field:
                        if (NamesDictionaryType(field.Declaration.Type, localAliases))
                        {
                            Add(tree, field);
                        }

                        break;
                    case TypeDeclarationSyntax type:
                        Visit(tree, type.Members, ref localAliases, cancellationToken);
                        break;
                    case BaseNamespaceDeclarationSyntax @namespace:
                        cancellationToken.ThrowIfCancellationRequested();
                        AddAliases(@namespace.Usings, ref localAliases, ref _globalAliasesSeen);
                        Visit(tree, @namespace.Members, ref localAliases, cancellationToken);
                        break;
                }
            }
        }

        /// <summary>Whether the type's syntax is <c>Dictionary&lt;K, V&gt;</c> or <c>ConcurrentDictionary&lt;K, V&gt;</c> (qualified or not, nullable or not) or an alias of one.</summary>
        private bool NamesDictionaryType(TypeSyntax type, HashSet<string>? localAliases)
        {
            if (type is NullableTypeSyntax nullable)
            {
                type = nullable.ElementType;
            }

            var name = type switch
            {
                QualifiedNameSyntax qualified => qualified.Right,
                AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return name switch
            {
                GenericNameSyntax generic => IsDictionaryName(generic.Identifier.ValueText),
                IdentifierNameSyntax identifier => globalAliases?.Contains(identifier.Identifier.ValueText) == true
                    || localAliases?.Contains(identifier.Identifier.ValueText) == true,
                _ => false,
            };
        }

        private void Add(SyntaxTree tree, FieldDeclarationSyntax field)
        {
            var (isStatic, isReadOnly, isVisible) = Modifiers(field.Modifiers);
            if (!isStatic && (!isReadOnly || isVisible))
            {
                return; // a mutable or visible instance field: its owner's users decide its fate
            }

            if (!ByTree.TryGetValue(tree, out var declarators))
            {
                ByTree.Add(tree, declarators = []);
            }

            declarators.AddRange(field.Declaration.Variables);
            AnyInstance |= !isStatic;
            if (isStatic && isVisible)
            {
                Shared.AddRange(field.Declaration.Variables);
            }
        }
    }

    private static (bool IsStatic, bool IsReadOnly, bool IsVisible) Modifiers(SyntaxTokenList modifiers)
    {
        var isStatic = false;
        var isReadOnly = false;
        var isVisible = false;
        foreach (var modifier in modifiers)
        {
            isStatic |= modifier.IsKind(SyntaxKind.StaticKeyword);
            isReadOnly |= modifier.IsKind(SyntaxKind.ReadOnlyKeyword);
            isVisible |= modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword) || modifier.IsKind(SyntaxKind.ProtectedKeyword);
        }

        return (isStatic, isReadOnly, isVisible);
    }
}
