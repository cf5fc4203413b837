using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>What becomes of a connection held in a local, seen from every reference in the function that declares it.</summary>
internal enum ConnectionFate
{
    /// <summary>Neither disposed on every path nor handed to anything else: it leaks when the function ends or throws.</summary>
    Leaks,

    /// <summary>A <c>using</c> or a Dispose/Close in a <c>finally</c>.</summary>
    Disposed,

    /// <summary>Returned, stored, captured, passed on, or read with <c>CommandBehavior.CloseConnection</c>: someone else owns it.</summary>
    Escapes,

    /// <summary>Stored in the instance's state after a database call that may throw, with no catch-all disposing it (see StoredConnection).</summary>
    LeaksWhenSetupFails,
}

/// <summary>The ADO.NET base types OPS0009 knows, resolved once per compilation by metadata name (any provider).</summary>
internal sealed class DbSymbols(INamedTypeSymbol connection, INamedTypeSymbol? dataSource, INamedTypeSymbol? command, INamedTypeSymbol? batch, INamedTypeSymbol? dataAdapter, INamedTypeSymbol? commandBehavior)
{
    public INamedTypeSymbol Connection { get; } = connection;

    public INamedTypeSymbol? DataSource { get; } = dataSource;

    public INamedTypeSymbol? CommandBehavior { get; } = commandBehavior;

    public static DbSymbols? TryCreate(Compilation compilation)
    {
        var connection = compilation.GetFrameworkType("System.Data.Common.DbConnection", "System.Data.Common");
        return connection is null
            ? null
            : new DbSymbols(
                connection,
                compilation.GetFrameworkType("System.Data.Common.DbDataSource", "System.Data.Common"),
                compilation.GetFrameworkType("System.Data.Common.DbCommand", "System.Data.Common"),
                compilation.GetFrameworkType("System.Data.Common.DbBatch", "System.Data.Common"),
                compilation.GetFrameworkType("System.Data.Common.DbDataAdapter", "System.Data.Common"),
                compilation.GetFrameworkType("System.Data.CommandBehavior", "System.Data.Common"));
    }

    public bool IsConnection(ITypeSymbol? type) => InheritsFrom(type, Connection);

    public bool IsDataSource(ITypeSymbol? type) => DataSource is not null && InheritsFrom(type, DataSource);

    /// <summary>ADO.NET objects that use a connection but never dispose it (command, batch, data adapter).</summary>
    public bool IsNonOwningUser(ITypeSymbol? type) => InheritsFrom(type, command) || InheritsFrom(type, batch) || InheritsFrom(type, dataAdapter);

    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Follows every reference to a connection local in the function that declares it. Deliberately coarse: anything
/// the analysis does not recognise as a plain use counts as an escape, so the rule stays silent.
/// </summary>
internal static class ConnectionLifetime
{
    public static bool IsDisposeMethod(string name) => name is "Dispose" or "DisposeAsync" or "Close" or "CloseAsync";

    /// <summary>The function body whose locals are tracked: the lambda or local function, else the member's body.</summary>
    public static IOperation BodyOf(IOperation operation) => operation.GetEnclosingFunction() ?? Root(operation);

    /// <summary><c>using var c = …;</c> or <c>using (var c = …)</c>.</summary>
    public static bool IsUsingDeclarator(IVariableDeclaratorOperation declarator)
        => declarator.Parent?.Parent?.Parent is IUsingDeclarationOperation or IUsingOperation
            || declarator.Parent?.Parent is IUsingDeclarationOperation or IUsingOperation;

    /// <summary>
    /// What becomes of the connection in <paramref name="local"/>. Given <paramref name="open"/>, a store in the
    /// instance's state is followed back to the open (see StoredConnection) rather than counted as an escape.
    /// </summary>
    public static ConnectionFate Follow(ILocalSymbol local, IOperation body, DbSymbols symbols, out bool reassigned, int depth = 0, IOperation? open = null)
    {
        reassigned = false;
        ISimpleAssignmentOperation? stored = null;
        var function = body as IAnonymousFunctionOperation ?? (IOperation?)(body as ILocalFunctionOperation);
        foreach (var operation in body.Descendants())
        {
            if (IsCloseConnection(operation, symbols))
            {
                return ConnectionFate.Escapes; // the reader closes the connection when it is disposed
            }

            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (!ReferenceEquals(reference.GetEnclosingFunction(), function))
            {
                return ConnectionFate.Escapes; // captured by a lambda or local function: it may outlive the call
            }

            if (open is not null && StoredConnection.StoreOf(reference) is { } store)
            {
                if (stored is not null)
                {
                    return ConnectionFate.Escapes;
                }

                stored = store;
                continue;
            }

            var parent = reference.WalkUpConversions();
            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target.WalkDownConversions(), reference):
                    reassigned = true;
                    continue;
                case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                    continue;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Connection" } property } when depth == 0 && symbols.IsNonOwningUser(property.Property.ContainingType):
                    if (StaysLocal(property.Instance, body, symbols))
                    {
                        continue;
                    }

                    return ConnectionFate.Escapes;
                case IUsingOperation:
                    return ConnectionFate.Disposed;
                case IInvocationOperation invocation when invocation.Instance is not null && ReferenceEquals(invocation.Instance.WalkDownConversions(), reference):
                    if (IsDisposeMethod(invocation.TargetMethod.Name) && IsInFinally(invocation, body))
                    {
                        return ConnectionFate.Disposed;
                    }

                    continue;
                case IConditionalAccessOperation conditional when ReferenceEquals(conditional.Operation.WalkDownConversions(), reference):
                    if (conditional.WhenNotNull is IInvocationOperation { Instance: IConditionalAccessInstanceOperation } call
                        && IsDisposeMethod(call.TargetMethod.Name) && IsInFinally(conditional, body))
                    {
                        return ConnectionFate.Disposed;
                    }

                    continue;
                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance?.WalkDownConversions(), reference):
                case IEventReferenceOperation:
                case IBinaryOperation:
                case IIsPatternOperation:
                case IIsTypeOperation:
                    continue;
                case IArgumentOperation argument when argument.Parameter is { RefKind: RefKind.None } parameter:
                    if (argument.Parent is IInvocationOperation { TargetMethod: { IsExtensionMethod: true, Name: "ConfigureAwait" } } configured && parameter.Ordinal == 0)
                    {
                        // await using (connection.ConfigureAwait(false)) { … }: disposing the wrapper disposes the connection.
                        if (IsUsingResource(configured))
                        {
                            return ConnectionFate.Disposed;
                        }

                        continue;
                    }

                    if (argument.Parent is IInvocationOperation { TargetMethod.IsExtensionMethod: true } && parameter.Ordinal == 0)
                    {
                        continue; // conn.Query(…): an extension method on the connection uses it, it does not own it
                    }

                    if (depth == 0 && argument.Parent is IObjectCreationOperation creation && symbols.IsNonOwningUser(creation.Type) && StaysLocal(creation, body, symbols))
                    {
                        continue; // new NpgsqlCommand(sql, conn): a command never disposes its connection
                    }

                    return ConnectionFate.Escapes;
                case not null when IsReceiverOfUnresolvedCall(reference, out var disposes):
                    // conn.CreateCommand(sql) with the package that brings that extension not restored: the call binds to
                    // nothing, but the connection is its receiver, a use like any other call on it (see UnresolvedDbConnection).
                    // Before the provider is restored its Dispose/Close bind to nothing too, and count as they would after.
                    if (disposes && IsInFinally(reference, body))
                    {
                        return ConnectionFate.Disposed;
                    }

                    continue;
                default:
                    return ConnectionFate.Escapes;
            }
        }

        if (stored is not null)
        {
            return open is not null && StoredConnection.SetupMayFailUnprotected(local, open, stored, body, symbols) ? ConnectionFate.LeaksWhenSetupFails : ConnectionFate.Escapes;
        }

        return ConnectionFate.Leaks;
    }

    private static bool IsReceiverOfUnresolvedCall(ILocalReferenceOperation reference, out bool disposes)
    {
        disposes = reference.Syntax.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } && IsDisposeMethod(name);
        return reference.Syntax.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } access
            && access.Expression == reference.Syntax
            && call.Parent is not ArgumentSyntax // its result handed to more code: out of sight
            && reference.SemanticModel?.GetSymbolInfo(call).Symbol is null;
    }

    /// <summary><c>using (value)</c>, <c>using var x = value;</c> or <c>using (var x = value)</c>.</summary>
    private static bool IsUsingResource(IOperation value)
        => value.WalkUpConversions() switch
        {
            IUsingOperation => true,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => IsUsingDeclarator(declarator),
            _ => false,
        };

    /// <summary><c>CommandBehavior.CloseConnection</c> somewhere in the function: a reader will close the connection.</summary>
    public static bool UsesCloseConnection(IOperation body, DbSymbols symbols)
    {
        foreach (var operation in body.Descendants())
        {
            if (IsCloseConnection(operation, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCloseConnection(IOperation operation, DbSymbols symbols)
        => operation is IFieldReferenceOperation { Field.Name: "CloseConnection" } field
            && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, symbols.CommandBehavior);

    /// <summary>A command (or batch, adapter) that is used in this function and not handed anywhere else.</summary>
    private static bool StaysLocal(IOperation? user, IOperation body, DbSymbols symbols)
    {
        switch (user?.WalkDownConversions())
        {
            case ILocalReferenceOperation local:
                return Follow(local.Local, body, symbols, out _, depth: 1) != ConnectionFate.Escapes;
            case IObjectCreationOperation creation:
                switch (creation.WalkUpConversions())
                {
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return Follow(declarator.Symbol, body, symbols, out _, depth: 1) != ConnectionFate.Escapes;
                    case IInvocationOperation invocation when ReferenceEquals(invocation.Instance?.WalkDownConversions(), creation):
                        return true;
                    default:
                        return false;
                }

            default:
                return false;
        }
    }

    private static bool IsInFinally(IOperation operation, IOperation body)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null && !ReferenceEquals(child, body); child = parent, parent = parent.Parent)
        {
            if (parent is ITryOperation @try && ReferenceEquals(@try.Finally, child))
            {
                return true;
            }
        }

        return false;
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
