using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The invocations at the places where a file's text names a few rare calls (found by <see cref="FileWords"/>), instead
/// of a walk over its syntax: each match is turned into the invocation whose name token holds it. A rule that looks for
/// a few rare calls then pays for the files that name them, not for every node or code block of the compilation. A word
/// that should match a call only (<c>Open(</c> rather than <c>Open</c>) ends with the opening parenthesis; a call written
/// with white space before its argument list is then not found.
/// </summary>
internal static class NamedInvocations
{
    /// <summary>
    /// The invocations whose invoked name (<c>x.Name(…)</c>, <c>x?.Name(…)</c>, <c>Name(…)</c>, generic or not)
    /// contains one of the positions; text in comments and strings gives none.
    /// </summary>
    public static IEnumerable<InvocationExpressionSyntax> At(SyntaxTree tree, IEnumerable<int> positions, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        var seen = new HashSet<InvocationExpressionSyntax>();
        foreach (var position in positions)
        {
            if (At(root, position) is { } invocation && seen.Add(invocation))
            {
                yield return invocation;
            }
        }
    }

    /// <summary>
    /// The declared member whose code holds the position, as a code block action's ContainingSymbol would be: a
    /// method, accessor, constructor, or a field or property with an initializer; lambdas and local functions belong
    /// to their member.
    /// </summary>
    public static ISymbol? ContainingMember(SemanticModel model, int position, CancellationToken cancellationToken)
    {
        var symbol = model.GetEnclosingSymbol(position, cancellationToken);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    private static InvocationExpressionSyntax? At(SyntaxNode root, int position)
    {
        var token = root.FindToken(position);
        if (!token.IsKind(SyntaxKind.IdentifierToken) || !token.Span.Contains(position) || token.Parent is not SimpleNameSyntax name)
        {
            return null;
        }

        return name.Parent switch
        {
            InvocationExpressionSyntax invocation when invocation.Expression == name => invocation,
            MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } access when access.Name == name && invocation.Expression == access => invocation,
            MemberBindingExpressionSyntax { Parent: InvocationExpressionSyntax invocation } binding when binding.Name == name && invocation.Expression == binding => invocation,
            _ => null,
        };
    }
}
