using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>The members around the places where a file's text names the memory cache, and what they belong to.</summary>
internal static class CacheMentions
{
    /// <summary>
    /// Each method, constructor, property, field or top-level statement that contains one of <paramref name="offsets"/>,
    /// once. A mention outside any member (a using directive, a type's name or base list) gives none.
    /// </summary>
    public static IReadOnlyList<SyntaxNode> Members(SyntaxNode root, ImmutableArray<int> offsets)
    {
        var members = new List<SyntaxNode>();
        foreach (var offset in offsets)
        {
            for (var node = root.FindToken(offset).Parent; node is not null; node = node.Parent)
            {
                if (node is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax or GlobalStatementSyntax)
                {
                    if (!members.Contains(node))
                    {
                        members.Add(node);
                    }

                    break;
                }

                if (node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                {
                    break;
                }
            }
        }

        return members;
    }

    /// <summary>
    /// The symbol whose code <paramref name="node"/> is part of, as an operation action sees it: the method, accessor,
    /// field or property, never a lambda or local function inside it.
    /// </summary>
    public static ISymbol? ContainingMember(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var symbol = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    /// <summary>The rightmost identifier of a type name (<c>MemoryCache</c> in <c>Caching.Memory.MemoryCache</c>).</summary>
    public static string? LastName(TypeSyntax? type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
