using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What a cache write's syntax alone shows, before it is bound: a write whose expiration is written in the call can
/// never be one <see cref="CacheWrite"/> finds Missing an expiration, whatever the binding says about the rest.
/// </summary>
internal static class CacheWriteSyntax
{
    /// <summary>
    /// <c>Set(key, value, TimeSpan.FromMinutes(5))</c> (or any expression rooted at <c>TimeSpan</c>, <c>DateTimeOffset</c> or
    /// <c>DateTime</c>: a write only with the expiration overloads), <c>Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpiration… })</c>
    /// or a fluent <c>…SetSlidingExpiration(…)</c> chain, and <c>GetOrCreate(Async)(key, entry =&gt; …)</c> whose factory
    /// touches an expiration member of its entry. The binder finds the expiration there, or gives up on the write.
    /// </summary>
    public static bool GivesExpiration(InvocationExpressionSyntax invocation)
    {
        // Only the extension form: in CacheExtensions.Set(cache, key, value) the arguments sit one place later.
        if (invocation.Expression is not (MemberBindingExpressionSyntax or MemberAccessExpressionSyntax { Expression: not (IdentifierNameSyntax { Identifier.ValueText: "CacheExtensions" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CacheExtensions" }) }))
        {
            return false;
        }

        var name = invocation.GetInvokedName();
        var arguments = invocation.ArgumentList.Arguments;
        foreach (var argument in arguments)
        {
            if (argument.NameColon is not null)
            {
                return false;
            }
        }

        return name switch
        {
            "Set" => arguments.Count == 3 && IsExpiration(arguments[2].Expression),
            "GetOrCreate" or "GetOrCreateAsync" => arguments.Count >= 2 && FactorySetsExpiration(arguments[1].Expression),
            _ => false,
        };
    }

    private static bool IsExpiration(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case BaseObjectCreationExpressionSyntax { Initializer: { } initializer }:
                foreach (var member in initializer.Expressions)
                {
                    if (member is AssignmentExpressionSyntax { Left: IdentifierNameSyntax property } && CacheWrite.ExpirationMembers.Contains(property.Identifier.ValueText))
                    {
                        return true;
                    }
                }

                return false;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } access } call:
                return CacheWrite.ExpirationMembers.Contains(method) ? call.ArgumentList.Arguments.Count > 0 : IsExpiration(access.Expression) || IsRootedAtTime(access.Expression);
            case MemberAccessExpressionSyntax access:
                return IsRootedAtTime(access.Expression);
            default:
                return false;
        }
    }

    /// <summary>A member access or call chain that starts at the name of a time type.</summary>
    private static bool IsRootedAtTime(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case IdentifierNameSyntax { Identifier.ValueText: "TimeSpan" or "DateTimeOffset" or "DateTime" }:
                    return true;
                case MemberAccessExpressionSyntax access:
                    expression = access.Expression;
                    break;
                case InvocationExpressionSyntax call:
                    expression = call.Expression;
                    break;
                default:
                    return false;
            }
        }
    }

    private static bool FactorySetsExpiration(ExpressionSyntax factory)
    {
        var (parameter, body) = factory switch
        {
            SimpleLambdaExpressionSyntax lambda => (lambda.Parameter.Identifier.ValueText, (CSharpSyntaxNode)lambda.Body),
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } lambda => (lambda.ParameterList.Parameters[0].Identifier.ValueText, lambda.Body),
            _ => (null, null),
        };
        if (parameter is null || body is null)
        {
            return false;
        }

        var touched = false;
        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (node is ParameterSyntax { Identifier.ValueText: var name } && name == parameter)
            {
                // A nested function's parameter of the same name hides the entry.
                return false;
            }

            touched |= node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax instance, Name: IdentifierNameSyntax member }
                && instance.Identifier.ValueText == parameter
                && CacheWrite.ExpirationMembers.Contains(member.Identifier.ValueText);
        }

        return touched;
    }
}
