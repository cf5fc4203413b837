using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What a function does with the multiplexer a Connect call returns, for OPS0007: used and dropped (discarded, used as
/// a receiver, or held in a local that never leaves the function) or kept (stored, returned, handed on, captured).
/// </summary>
internal static class MultiplexerUse
{
    /// <summary>
    /// The connection is used and dropped in the operation: discarded, used as a receiver, or held in a local that
    /// never leaves the function. Stored in a field, returned or handed to another method means shared or unknown.
    /// </summary>
    public static bool IsPerOperationUse(IOperation invocation)
    {
        IOperation value = invocation;
        IOperation? parent;
        while (true)
        {
            parent = value.WalkUpConversions();
            if (parent is IAwaitOperation
                || (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configureAwait && ReferenceEquals(configureAwait.Instance?.WalkDownConversions(), value)))
            {
                value = parent;
                continue;
            }

            // Before restore '.ConfigureAwait(false)' binds to nothing: step over it to the invocation it belongs to.
            if (parent is { Kind: OperationKind.None or OperationKind.Invalid }
                && value.Syntax.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configureAwaitCall } access
                && access.Expression == value.Syntax
                && AncestorFor(parent, configureAwaitCall) is { } configured)
            {
                value = configured;
                continue;
            }

            break;
        }

        // Only the connection itself counts as "used and dropped"; a Task consumed by GetAwaiter()/Result is unknown.
        var isConnection = value.Type?.Name is "ConnectionMultiplexer" or "IConnectionMultiplexer"
            || (value.Type is null or { TypeKind: TypeKind.Error } && invocation is IInvalidOperation); // before restore
        switch (parent)
        {
            case IExpressionStatementOperation:
                return true;
            case IInvocationOperation consumer when isConnection && consumer.Instance is not null && ReferenceEquals(consumer.Instance.WalkDownConversions(), value):
                return true;
            case IPropertyReferenceOperation property when isConnection && ReferenceEquals(property.Instance?.WalkDownConversions(), value):
                return true;
            case { Kind: OperationKind.None or OperationKind.Invalid } when isConnection && IsReceiverSyntax(value.Syntax):
                return true; // before restore the member access on the connection binds to nothing
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return IsLocalConfinedToFunction(declarator.Symbol, declarator);
            default:
                return false;
        }
    }

    private static IOperation? AncestorFor(IOperation operation, SyntaxNode syntax)
    {
        for (var current = (IOperation?)operation; current is not null; current = current.Parent)
        {
            if (current.Syntax == syntax)
            {
                return current;
            }
        }

        return null;
    }

    private static bool IsReceiverSyntax(SyntaxNode syntax)
    {
        while (syntax.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            syntax = parenthesized; // (await ConnectionMultiplexer.ConnectAsync(…)).GetDatabase()
        }

        return syntax.Parent is MemberAccessExpressionSyntax access && access.Expression == syntax;
    }

    private static bool IsLocalConfinedToFunction(ILocalSymbol local, IOperation declarator)
    {
        var body = declarator.GetEnclosingFunction() ?? Root(declarator);
        foreach (var operation in body.Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (reference.GetEnclosingFunction() is { } function && !ReferenceEquals(function, declarator.GetEnclosingFunction()))
            {
                return false; // captured by a lambda or local function: it may outlive the call
            }

            switch (reference.WalkUpConversions())
            {
                case IInvocationOperation consumer when consumer.Instance is not null && ReferenceEquals(consumer.Instance.WalkDownConversions(), reference):
                case IPropertyReferenceOperation:
                case IUsingOperation:
                    continue;
                case IEventReferenceOperation:
                    continue;
                case { Kind: OperationKind.None or OperationKind.Invalid } when IsReceiverSyntax(reference.Syntax):
                    continue; // redis.GetDatabase() before restore: still a use of the receiver
                default:
                    return false;
            }
        }

        return true;
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }
}
