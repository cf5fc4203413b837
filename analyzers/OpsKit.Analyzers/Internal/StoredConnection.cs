using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// A connection opened into a local and then stored in the instance's state (<c>_connection = conn</c>,
/// <c>_held[id] = (conn, tx)</c>): the object owns it from the store on. Before the store nobody does, so a database
/// call between the open and the store that throws (the setup command, a transaction, a cancelled token) drops the
/// connection undisposed, unless a catch-all around that call disposes it. Storing it first and then setting it up,
/// or <c>catch { conn.Dispose(); throw; }</c>, is the correct shape.
/// </summary>
internal static class StoredConnection
{
    /// <summary>The assignment that stores the local (alone or in a tuple) in a field, a property or an element of one, of this instance or static.</summary>
    public static ISimpleAssignmentOperation? StoreOf(ILocalReferenceOperation reference)
    {
        IOperation value = reference;
        var parent = reference.WalkUpConversions();
        if (parent is ITupleOperation tuple)
        {
            value = tuple;
            parent = tuple.WalkUpConversions();
        }

        return parent is ISimpleAssignmentOperation assignment
            && ReferenceEquals(assignment.Value.WalkDownConversions(), value)
            && IsState(assignment.Target.WalkDownConversions())
                ? assignment
                : null;
    }

    private static bool IsState(IOperation target)
        => target switch
        {
            IFieldReferenceOperation field => field.Instance is null or IInstanceReferenceOperation,
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => indexer.Instance is { } collection && IsState(collection.WalkDownConversions()),
            IPropertyReferenceOperation property => property.Instance is null or IInstanceReferenceOperation,
            IArrayElementReferenceOperation element => IsState(element.ArrayReference.WalkDownConversions()),
            _ => false,
        };

    /// <summary>
    /// Whether a database call between the open and the store (a call on the connection, or on a command, batch or
    /// adapter) runs outside every catch-all that disposes the connection.
    /// </summary>
    public static bool SetupMayFailUnprotected(ILocalSymbol local, IOperation open, IOperation store, IOperation body, DbSymbols symbols)
    {
        var from = open.Syntax.Span.End;
        var to = store.Syntax.SpanStart;
        var function = body as IAnonymousFunctionOperation ?? (IOperation?)(body as ILocalFunctionOperation);
        foreach (var operation in body.Descendants())
        {
            if (operation.Syntax.SpanStart < from || operation.Syntax.SpanStart >= to
                || !ReferenceEquals(operation.GetEnclosingFunction(), function)
                || !IsDatabaseCall(operation, local, symbols))
            {
                continue;
            }

            if (!IsProtected(operation, local, body))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDatabaseCall(IOperation operation, ILocalSymbol local, DbSymbols symbols)
    {
        if (operation is ILocalReferenceOperation connection)
        {
            // Before restore the provider's connection type does not resolve and neither does any call on it
            // (BeginTransaction, CreateCommand): a call on the connection that binds to nothing may still throw.
            return SymbolEqualityComparer.Default.Equals(connection.Local, local)
                && connection.Syntax.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax unresolved } access
                && access.Expression == connection.Syntax
                && !ConnectionLifetime.IsDisposeMethod(access.Name.Identifier.ValueText)
                && connection.SemanticModel?.GetSymbolInfo(unresolved).Symbol is null;
        }

        if (operation is not IInvocationOperation call || ConnectionLifetime.IsDisposeMethod(call.TargetMethod.Name))
        {
            return false;
        }

        var receiver = call.GetReceiverOrThisArgument()?.WalkDownConversions();
        return (receiver is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            || symbols.IsNonOwningUser(receiver?.Type);
    }

    private static bool IsProtected(IOperation operation, ILocalSymbol local, IOperation body)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null && !ReferenceEquals(child, body); child = parent, parent = parent.Parent)
        {
            if (parent is not ITryOperation @try || !ReferenceEquals(@try.Body, child))
            {
                continue;
            }

            foreach (var @catch in @try.Catches)
            {
                if (@catch.Filter is null && IsCatchAll(@catch.ExceptionType) && Disposes(@catch.Handler, local))
                {
                    return true;
                }
            }

            if (@try.Finally is { } @finally && Disposes(@finally, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCatchAll(ITypeSymbol? exceptionType)
        => exceptionType is null
            || exceptionType.SpecialType == SpecialType.System_Object
            || (exceptionType.Name == "Exception" && exceptionType.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true });

    private static bool Disposes(IOperation block, ILocalSymbol local)
    {
        foreach (var operation in block.Descendants())
        {
            // connection.Dispose() read from syntax: before restore the call binds to nothing.
            if (operation is ILocalReferenceOperation receiver
                && SymbolEqualityComparer.Default.Equals(receiver.Local, local)
                && receiver.Syntax.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name, Parent: InvocationExpressionSyntax } access
                && access.Expression == receiver.Syntax
                && ConnectionLifetime.IsDisposeMethod(name))
            {
                return true;
            }

            if (operation is IInvocationOperation call
                && ConnectionLifetime.IsDisposeMethod(call.TargetMethod.Name)
                && call.Instance?.WalkDownConversions() switch
                {
                    ILocalReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Local, local),
                    IConditionalAccessInstanceOperation => call.Parent is IConditionalAccessOperation { Operation: var target }
                        && target.WalkDownConversions() is ILocalReferenceOperation conditional
                        && SymbolEqualityComparer.Default.Equals(conditional.Local, local),
                    _ => false,
                })
            {
                return true;
            }
        }

        return false;
    }
}
