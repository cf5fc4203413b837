using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// OPS0009 reports <c>x.Open()</c> only when <c>x</c> is a local that the same function creates
/// (<c>new XxxConnection(…)</c>, <c>dataSource.CreateConnection()</c>). Most calls named Open are not that
/// (<c>File.Open</c>, a field or parameter opened again), and binding them would bind their whole member: this syntax
/// test lets through only the calls whose receiver is a name that the member declares as a local and assigns a
/// creation to, a superset of what the rule can report. A local declared with <c>using</c> is disposed whatever
/// follows, so a name whose every declaration in the member is a <c>using</c> one is not let through either: most
/// opens of a created connection are of that shape, as are most opens from a data source (<see cref="OpensIntoUsing"/>).
/// </summary>
internal static class CreatedConnectionCandidates
{
    public static bool MayOpenALocalItCreated(InvocationExpressionSyntax open)
    {
        if (open.Expression is not MemberAccessExpressionSyntax access || Strip(access.Expression) is not IdentifierNameSyntax receiver)
        {
            return false;
        }

        // The declarations and assignments are found through the member's text rather than a walk over all its nodes:
        // most receivers named here (File, a field, a short local) never get a creation, and a walk would build every
        // node of the member to learn that. An identifier written with a Unicode escape is not found, as for the opens.
        var name = receiver.Identifier.ValueText;
        var member = Member(open);
        var text = open.SyntaxTree.GetText().ToString(member.Span);
        var declared = false;
        var created = false;
        for (var index = text.IndexOf(name, StringComparison.Ordinal); index >= 0; index = text.IndexOf(name, index + name.Length, StringComparison.Ordinal))
        {
            if ((index > 0 && IsIdentifierPart(text[index - 1])) || (index + name.Length < text.Length && IsIdentifierPart(text[index + name.Length])))
            {
                continue;
            }

            var token = member.FindToken(member.SpanStart + index);
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name)
            {
                continue;
            }

            switch (token.Parent)
            {
                case VariableDeclaratorSyntax declarator when declarator.Identifier == token:
                    declared |= !IsUsingDeclaration(declarator);
                    created |= IsCreation(declarator.Initializer?.Value);
                    break;
                case IdentifierNameSyntax { Parent: AssignmentExpressionSyntax assignment } target
                    when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left == target:
                    created |= IsCreation(assignment.Right);
                    break;
            }
        }

        return declared && created;
    }

    /// <summary>
    /// <c>using var c = await ds.OpenConnectionAsync();</c> (or <c>using (…)</c> around the open): disposed whatever
    /// follows, so the rule never reports it and need not bind it. Seen through <c>await</c>, <c>ConfigureAwait</c>,
    /// parentheses and casts, as the rule sees the open's value. Most opens from a data source are of that shape.
    /// </summary>
    public static bool OpensIntoUsing(InvocationExpressionSyntax open)
    {
        SyntaxNode value = open;
        while (true)
        {
            switch (value.Parent)
            {
                case AwaitExpressionSyntax or ParenthesizedExpressionSyntax or CastExpressionSyntax:
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression) && binary.Left == value:
                    value = value.Parent;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured } access
                    when access.Expression == value:
                    value = configured;
                    continue;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return IsUsingDeclaration(declarator);
                case UsingStatementSyntax statement:
                    return statement.Expression == value;
                default:
                    return false;
            }
        }
    }

    /// <summary><c>using var c = …;</c>, <c>await using var c = …;</c> or <c>using (var c = …)</c>.</summary>
    private static bool IsUsingDeclaration(VariableDeclaratorSyntax declarator)
        => declarator.Parent?.Parent is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } or UsingStatementSyntax;

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>The member whose locals the function may use: top-level statements share the compilation unit.</summary>
    private static SyntaxNode Member(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case GlobalStatementSyntax:
                    return current.Parent ?? current;
                case MemberDeclarationSyntax:
                    return current;
            }
        }

        return node.SyntaxTree.GetRoot();
    }

    private static bool IsCreation(ExpressionSyntax? value)
        => Strip(value) switch
        {
            BaseObjectCreationExpressionSyntax => true,
            InvocationExpressionSyntax invocation => invocation.GetInvokedName() == "CreateConnection",
            _ => false,
        };

    /// <summary>Parentheses, casts, <c>as</c> and <c>!</c>: what the operation tree sees through as conversions.</summary>
    private static ExpressionSyntax? Strip(ExpressionSyntax? expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    break;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression):
                    expression = binary.Left;
                    break;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = postfix.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }
}
