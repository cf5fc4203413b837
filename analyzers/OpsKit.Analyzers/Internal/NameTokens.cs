using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The identifier tokens inside a node that are exactly a name, found where the node's text says the name: no walk over
/// every token of a type, which is the cost of finding a member's few uses in a large class.
/// </summary>
internal static class NameTokens
{
    public static IEnumerable<SyntaxToken> In(SyntaxNode node, string name, CancellationToken cancellationToken)
    {
        var text = node.SyntaxTree.GetText(cancellationToken);
        var end = node.Span.End;
        for (var position = SourceTextSearch.IndexOfInPlace(text, name, node.SpanStart); position >= 0 && position < end; position = SourceTextSearch.IndexOfInPlace(text, name, position + name.Length))
        {
            // Inside a longer identifier (a letter, digit or underscore touches the match) the name is not a token of
            // its own; elsewhere (a comment finds the next token) only a token that spans the match and spells it counts.
            if (SourceTextSearch.IsIdentifierPart(text, position - 1) || SourceTextSearch.IsIdentifierPart(text, position + name.Length))
            {
                continue;
            }

            var token = node.FindToken(position);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position) && token.ValueText == name)
            {
                yield return token;
            }
        }
    }
}
