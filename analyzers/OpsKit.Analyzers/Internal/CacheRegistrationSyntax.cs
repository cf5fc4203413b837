using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What an <c>AddMemoryCache</c> call does to the shared options, read from its syntax alone. Binding the call would
/// bind the whole member around it and, with nullable reference types, analyse it: for a top-level Program that is
/// the whole file, for one registration. The answer is the one <see cref="SharedCacheRegistrations.Classify"/> gives
/// for the bound call; null when the syntax does not settle it and the caller binds.
/// </summary>
internal static class CacheRegistrationSyntax
{
    /// <param name="facts">The compilation's cache types.</param>
    /// <param name="invocation">A member call named AddMemoryCache.</param>
    /// <param name="isFrameworkMethod">
    /// The name can only mean the framework's extension method: no method of this compilation's source has it.
    /// </param>
    public static RegistrationKind? Classify(CacheEntryFacts facts, InvocationExpressionSyntax invocation, bool isFrameworkMethod)
    {
        if (!isFrameworkMethod || invocation.Expression is not MemberAccessExpressionSyntax)
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count == 0)
        {
            return RegistrationKind.Unbounded;
        }

        if (arguments.Count > 1 || arguments[0] is not { RefKindKeyword.RawKind: 0 } argument
            || (argument.NameColon is { } nameColon && nameColon.Name.Identifier.ValueText != "setupAction"))
        {
            return null;
        }

        return argument.Expression switch
        {
            SimpleLambdaExpressionSyntax lambda => ClassifyLambda(facts, lambda.Parameter.Identifier.ValueText, lambda.Body),
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } lambda => ClassifyLambda(facts, lambda.ParameterList.Parameters[0].Identifier.ValueText, lambda.Body),
            AnonymousFunctionExpressionSyntax => null,
            _ => RegistrationKind.Unknown,
        };
    }

    /// <summary>
    /// <c>o =&gt; { … }</c> as <see cref="SharedCacheRegistrations.ClassifyConfigureLambda"/> reads it: the parameter used
    /// only to set options properties, SizeLimit assigned a numeric constant (bounded) or null. Any other use of the
    /// parameter, or a SizeLimit value whose type the syntax does not show, leaves it to the binder.
    /// </summary>
    private static RegistrationKind? ClassifyLambda(CacheEntryFacts facts, string parameter, CSharpSyntaxNode body)
    {
        var result = RegistrationKind.Unbounded;
        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (node is ParameterSyntax { Identifier.ValueText: var name } && name == parameter)
            {
                // A nested function's parameter of the same name hides the options.
                return null;
            }

            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != parameter)
            {
                continue;
            }

            if (identifier.Parent is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax property } access || access.Expression != identifier
                || access.Parent is InvocationExpressionSyntax
                || !IsOptionsProperty(facts, property.Identifier.ValueText))
            {
                return null;
            }

            if (property.Identifier.ValueText != "SizeLimit")
            {
                continue;
            }

            if (access.Parent is not AssignmentExpressionSyntax assignment || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.Left != access)
            {
                return RegistrationKind.Unknown;
            }

            if (Unparenthesized(assignment.Right).IsKind(SyntaxKind.NullLiteralExpression))
            {
                continue;
            }

            if (!IsNumericConstant(assignment.Right))
            {
                return null;
            }

            result = RegistrationKind.SizeLimited;
        }

        return result;
    }

    private static bool IsOptionsProperty(CacheEntryFacts facts, string name)
    {
        for (var type = facts.Options; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A number written out, or arithmetic on such numbers (<c>100 * 1024 * 1024</c>): never null, never nullable.</summary>
    private static bool IsNumericConstant(ExpressionSyntax expression)
        => Unparenthesized(expression) switch
        {
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NumericLiteralExpression),
            BinaryExpressionSyntax binary => (binary.IsKind(SyntaxKind.MultiplyExpression) || binary.IsKind(SyntaxKind.AddExpression)
                    || binary.IsKind(SyntaxKind.SubtractExpression) || binary.IsKind(SyntaxKind.DivideExpression)
                    || binary.IsKind(SyntaxKind.LeftShiftExpression))
                && IsNumericConstant(binary.Left) && IsNumericConstant(binary.Right),
            _ => false,
        };

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }
}
