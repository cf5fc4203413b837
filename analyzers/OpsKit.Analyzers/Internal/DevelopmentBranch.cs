using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>Whether code runs only in the Development environment (<c>if (env.IsDevelopment()) { … }</c>).</summary>
internal static class DevelopmentBranch
{
    /// <summary>Inside the true branch of <c>if (env.IsDevelopment())</c> (or the false branch of its negation).</summary>
    public static bool Contains(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && !ReferenceEquals(child, conditional.Condition))
            {
                var polarity = Polarity(conditional.Condition);
                if ((polarity == true && ReferenceEquals(child, conditional.WhenTrue))
                    || (polarity == false && ReferenceEquals(child, conditional.WhenFalse)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The same question on syntax alone, for method bodies of another project of the solution (no semantic model
    /// of that project is available to an analyzer): the condition is recognised by the name IsDevelopment.
    /// </summary>
    public static bool Contains(SyntaxNode node)
    {
        var child = node;
        for (var parent = node.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IfStatementSyntax ifStatement && child != ifStatement.Condition)
            {
                var polarity = Polarity(ifStatement.Condition);
                if ((polarity == true && child == ifStatement.Statement)
                    || (polarity == false && child == ifStatement.Else))
                {
                    return true;
                }
            }

            if (parent is MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>True: the condition holds only in Development. False: it holds only outside Development.</summary>
    private static bool? Polarity(IOperation condition)
    {
        condition = condition.WalkDownConversions();
        switch (condition)
        {
            case IInvocationOperation invocation when IsIsDevelopment(invocation.TargetMethod):
                return true;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Negate(Polarity(not.Operand));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return Polarity(and.LeftOperand) == true || Polarity(and.RightOperand) == true ? true : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals
                when equals.RightOperand.ConstantValue is { HasValue: true, Value: bool expected }:
                return Polarity(equals.LeftOperand) is { } left ? left == expected : null;
            default:
                return null;
        }
    }

    private static bool? Polarity(ExpressionSyntax condition)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Polarity(parenthesized.Expression);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsDevelopment" } }:
                return true;
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.LogicalNotExpression):
                return Negate(Polarity(prefix.Operand));
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression):
                return Polarity(binary.Left) == true || Polarity(binary.Right) == true ? true : null;
            default:
                return null;
        }
    }

    private static bool? Negate(bool? value) => value switch { true => false, false => true, null => null };

    private static bool IsIsDevelopment(IMethodSymbol method)
    {
        var original = method.ReducedFrom ?? method;
        return original.Name == "IsDevelopment"
            && original.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.Hosting" or "Microsoft.AspNetCore.Hosting";
    }
}
