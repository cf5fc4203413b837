using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The field declarations of a compilation that can be dictionaries the rule judges, found from text and member
/// declarations alone (no method body is visited, nothing is bound): only files whose text says <c>Dictionary</c> (which
/// <c>ConcurrentDictionary</c> contains too) are parsed for declarations, and only files that name a global alias of a
/// dictionary type besides. A declaration is kept when its type's syntax names a dictionary type or an alias of one, and
/// its modifiers allow a long-lived field: static, or a readonly instance field that is not visible outside its type.
/// </summary>
internal sealed class DictionaryFieldDeclarations
{
    private const string DictionaryWord = "Dictionary";

    private readonly Dictionary<SyntaxTree, List<VariableDeclaratorSyntax>> _byTree;

    private DictionaryFieldDeclarations(Dictionary<SyntaxTree, List<VariableDeclaratorSyntax>> byTree, bool anyInstance)
    {
        _byTree = byTree;
        AnyInstance = anyInstance;
    }

    /// <summary>Whether the compilation declares no such field: the rule then needs no callback at all.</summary>
    public bool IsEmpty => _byTree.Count == 0;

    /// <summary>Whether one of the fields is an instance field (its lifetime depends on the DI registrations).</summary>
    public bool AnyInstance { get; }

    /// <summary>The candidate variables declared in <paramref name="tree"/>.</summary>
    public bool TryGet(SyntaxTree tree, out List<VariableDeclaratorSyntax> declarators)
        => _byTree.TryGetValue(tree, out declarators!);

    public static DictionaryFieldDeclarations Find(Compilation compilation, CancellationToken cancellationToken)
    {
        List<SyntaxTree>? mentioning = null;
        List<SyntaxTree>? others = null;
        List<string>? globalAliases = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (SourceTextSearch.IndexOf(tree.GetText(cancellationToken), DictionaryWord) < 0)
            {
                (others ??= []).Add(tree);
                continue;
            }

            (mentioning ??= []).Add(tree);
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
            {
                foreach (var directive in unit.Usings)
                {
                    if (directive.Alias is { } alias && directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    {
                        (globalAliases ??= []).Add(alias.Name.Identifier.ValueText);
                    }
                }
            }
        }

        var byTree = new Dictionary<SyntaxTree, List<VariableDeclaratorSyntax>>();
        var anyInstance = false;
        var typeNames = new List<string>();
        foreach (var tree in mentioning ?? [])
        {
            anyInstance |= Collect(tree, typeNames, globalAliases, byTree, cancellationToken);
        }

        if (globalAliases is not null && others is not null)
        {
            // A file that never says Dictionary can still declare a field through a global alias of one.
            var aliasMentions = new TreeMentions(wholeWord: true, globalAliases.ToArray());
            foreach (var tree in others)
            {
                if (aliasMentions.In(tree, cancellationToken))
                {
                    anyInstance |= Collect(tree, typeNames, globalAliases, byTree, cancellationToken);
                }
            }
        }

        return new DictionaryFieldDeclarations(byTree, anyInstance);
    }

    /// <summary>Adds the tree's candidate declarators; returns whether one of them is an instance field.</summary>
    private static bool Collect(SyntaxTree tree, List<string> typeNames, List<string>? extraNames, Dictionary<SyntaxTree, List<VariableDeclaratorSyntax>> byTree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        typeNames.Clear();
        typeNames.Add(DictionaryWord);
        typeNames.Add("ConcurrentDictionary");
        if (extraNames is not null)
        {
            typeNames.AddRange(extraNames);
        }

        var anyInstance = false;
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Alias: { } alias }:
                    typeNames.Add(alias.Name.Identifier.ValueText);
                    break;
                case FieldDeclarationSyntax field when MentionsAny(field.Declaration.Type, typeNames):
                    var (isStatic, isReadOnly, isVisible) = Modifiers(field.Modifiers);
                    if (!isStatic && (!isReadOnly || isVisible))
                    {
                        break; // a mutable or visible instance field: its owner's users decide its fate
                    }

                    if (!byTree.TryGetValue(tree, out var declarators))
                    {
                        byTree.Add(tree, declarators = []);
                    }

                    declarators.AddRange(field.Declaration.Variables);
                    anyInstance |= !isStatic;
                    break;
            }
        }

        return anyInstance;
    }

    private static bool MentionsAny(SyntaxNode type, List<string> typeNames)
    {
        foreach (var token in type.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && typeNames.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
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
