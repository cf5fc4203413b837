using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The field declarations of a compilation that can be dictionaries the rule judges, found from text and syntax alone
/// (nothing is bound): each file's text is searched once for <c>Dictionary</c> (which <c>ConcurrentDictionary</c>
/// contains too), and only the syntax at those places is read. A declaration is kept when its type's syntax names a
/// dictionary type or an alias of one, and its modifiers allow a long-lived field: static, or a readonly instance field
/// that is not visible outside its type.
/// </summary>
internal sealed class DictionaryFieldDeclarations
{
    private const string DictionaryWord = "Dictionary";

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

    public static DictionaryFieldDeclarations Find(Compilation compilation, CancellationToken cancellationToken)
    {
        var found = new Found();
        string[] dictionaryWord = [DictionaryWord];
        foreach (var tree in compilation.SyntaxTrees)
        {
            found.Search(tree, dictionaryWord, cancellationToken);
        }

        if (found.GlobalAliases is { } globalAliases)
        {
            // A field can be declared through a global alias of a dictionary type in any file, whatever its text says.
            string[] aliases = [.. globalAliases];
            foreach (var tree in compilation.SyntaxTrees)
            {
                found.Search(tree, aliases, cancellationToken);
            }
        }

        return new DictionaryFieldDeclarations(found.ByTree, found.AnyInstance, found.Shared);
    }

    /// <summary>What the searches found so far.</summary>
    private sealed class Found
    {
        private readonly HashSet<FieldDeclarationSyntax> _fields = [];

        public Dictionary<SyntaxTree, List<VariableDeclaratorSyntax>> ByTree { get; } = [];

        public List<VariableDeclaratorSyntax> Shared { get; } = [];

        public List<string>? GlobalAliases { get; private set; }

        public bool AnyInstance { get; private set; }

        /// <summary>
        /// Reads the syntax where one of the type names occurs in the tree: <c>Dictionary</c>, or the names of aliases of
        /// dictionary types (whose own directives are then not read again).
        /// </summary>
        public void Search(SyntaxTree tree, string[] typeNames, CancellationToken cancellationToken)
        {
            var positions = SourceTextSearch.Positions(tree.GetText(cancellationToken), typeNames);
            if (positions is null)
            {
                return;
            }

            var root = tree.GetRoot(cancellationToken);
            var dictionaries = typeNames[0] == DictionaryWord;
            List<string>? localAliases = null;
            foreach (var position in positions)
            {
                var token = root.FindToken(position);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position)
                    && (dictionaries ? token.ValueText is DictionaryWord or "ConcurrentDictionary" : System.Array.IndexOf(typeNames, token.ValueText) >= 0))
                {
                    OnTypeName(tree, token, dictionaries, ref localAliases);
                }
            }

            if (localAliases is not null)
            {
                // using Map = Dictionary<string, int>; then a field of type Map in the same file.
                Search(tree, [.. localAliases], cancellationToken);
            }
        }

        private void OnTypeName(SyntaxTree tree, SyntaxToken token, bool collectAliases, ref List<string>? localAliases)
        {
            for (var node = token.Parent; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case UsingDirectiveSyntax { Alias: { } alias } directive:
                        if (!collectAliases)
                        {
                            return;
                        }

                        if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                        {
                            (GlobalAliases ??= []).Add(alias.Name.Identifier.ValueText);
                        }
                        else
                        {
                            (localAliases ??= []).Add(alias.Name.Identifier.ValueText);
                        }

                        return;
                    case VariableDeclarationSyntax { Parent: FieldDeclarationSyntax field } declaration:
                        if (declaration.Type.Span.Contains(token.Span) && _fields.Add(field))
                        {
                            Add(tree, field);
                        }

                        return;
                    case MemberDeclarationSyntax or StatementSyntax or UsingDirectiveSyntax:
                        return;
                }
            }
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
