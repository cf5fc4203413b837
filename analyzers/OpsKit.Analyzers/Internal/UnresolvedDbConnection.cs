using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// OPS0009 before the provider package is restored: the provider's types do not resolve, so the calls on them bind
/// to nothing and the operation-based analysis sees no connection at all. Working from syntax, it recognises the
/// well-known ADO.NET providers' connection and data-source types by name (only while they are unresolved, and only in
/// a file that imports the provider's namespace) and reports the clear shapes: a local, not declared with
/// <c>using</c>, that is created and opened or opened from a data source, then only used as a receiver and never
/// disposed in a <c>finally</c>. Any other use (an argument, a return, a capture, an assignment) counts as an escape.
/// </summary>
internal static class UnresolvedDbConnection
{
    private static readonly ImmutableHashSet<string> ProviderNamespaces = ImmutableHashSet.Create(
        "Npgsql", "Microsoft.Data.SqlClient", "System.Data.SqlClient", "MySqlConnector", "MySql.Data.MySqlClient",
        "Microsoft.Data.Sqlite", "Oracle.ManagedDataAccess.Client");

    private static readonly ImmutableHashSet<string> ConnectionTypes = ImmutableHashSet.Create(
        "NpgsqlConnection", "SqlConnection", "MySqlConnection", "SqliteConnection", "OracleConnection");

    private static readonly ImmutableHashSet<string> DataSourceTypes = ImmutableHashSet.Create(
        "NpgsqlDataSource", "MySqlDataSource", "OracleDataSource");

    /// <summary>A well-known provider's connection type that does not resolve (its package is not restored yet).</summary>
    public static bool IsUnresolvedProviderConnection(ITypeSymbol? type)
        => type is { TypeKind: TypeKind.Error } && ConnectionTypes.Contains(type.Name);

    /// <summary>Reports on <c>ds.OpenConnection(Async)()</c> and on the first <c>Open(Async)()</c> of a created connection.</summary>
    public static void Analyze(SemanticModel model, InvocationExpressionSyntax invocation, System.Action<InvocationExpressionSyntax> report, System.Threading.CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access)
        {
            return;
        }

        var method = name.Identifier.ValueText;
        var opensFromDataSource = method is "OpenConnection" or "OpenConnectionAsync";
        if (!opensFromDataSource && method is not ("Open" or "OpenAsync"))
        {
            return;
        }

        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not null
            || model.GetTypeInfo(access.Expression, cancellationToken).Type is not { TypeKind: TypeKind.Error } receiverType
            || !(opensFromDataSource ? DataSourceTypes : ConnectionTypes).Contains(receiverType.Name)
            || !ImportsProvider(invocation))
        {
            return;
        }

        if (opensFromDataSource)
        {
            AnalyzeOpenedConnection(model, invocation, report, cancellationToken);
        }
        else if (access.Expression is IdentifierNameSyntax local
            && model.GetSymbolInfo(local, cancellationToken).Symbol is ILocalSymbol symbol
            && Declarator(symbol, cancellationToken) is { } declarator
            && declarator.Initializer?.Value is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
            && IsFirstOpen(invocation, symbol, model, cancellationToken)
            && Leaks(declarator, symbol, invocation, model, cancellationToken))
        {
            report(invocation);
        }
    }

    private static void AnalyzeOpenedConnection(SemanticModel model, InvocationExpressionSyntax invocation, System.Action<InvocationExpressionSyntax> report, System.Threading.CancellationToken cancellationToken)
    {
        SyntaxNode value = invocation;
        while (value.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax
            || (value.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure && configure.Parent is InvocationExpressionSyntax))
        {
            value = value.Parent is MemberAccessExpressionSyntax ? value.Parent.Parent! : value.Parent;
        }

        switch (value.Parent)
        {
            case ExpressionStatementSyntax:
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } }:
                report(invocation);
                return;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                when model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol symbol
                    && Leaks(declarator, symbol, invocation, model, cancellationToken):
                report(invocation);
                return;
        }
    }

    private static VariableDeclaratorSyntax? Declarator(ILocalSymbol local, System.Threading.CancellationToken cancellationToken)
        => local.DeclaringSyntaxReferences.Length == 1 ? local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as VariableDeclaratorSyntax : null;

    private static bool IsFirstOpen(InvocationExpressionSyntax open, ILocalSymbol local, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in References(Body(open), local, model, cancellationToken))
        {
            if (reference.SpanStart < open.SpanStart
                && reference.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Open" or "OpenAsync" } access
                && access.Expression == reference)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Declared without <c>using</c>; every reference a receiver, or one store in the instance's state after a call
    /// on the connection that no disposing catch-all covers (see StoredConnection); no Dispose/Close in a <c>finally</c>.
    /// </summary>
    private static bool Leaks(VariableDeclaratorSyntax declarator, ILocalSymbol local, InvocationExpressionSyntax open, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        AssignmentExpressionSyntax? stored = null;
        if (declarator.Parent?.Parent is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } or UsingStatementSyntax)
        {
            return false;
        }

        var body = Body(declarator);
        foreach (var token in body.DescendantTokens())
        {
            if (token.ValueText == "CloseConnection" && token.IsKind(SyntaxKind.IdentifierToken))
            {
                return false; // a reader closes the connection when it is disposed
            }
        }

        foreach (var reference in References(body, local, model, cancellationToken))
        {
            if (Body(reference) != body)
            {
                return false; // captured by a lambda or a local function
            }

            switch (reference.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression == reference:
                    if (access.Name.Identifier.ValueText is "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" && IsInFinally(access, body))
                    {
                        return false;
                    }

                    if (access.Name.Identifier.ValueText == "ConfigureAwait" && access.Parent?.Parent is UsingStatementSyntax)
                    {
                        return false; // await using (connection.ConfigureAwait(false)) { … } disposes the connection
                    }

                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == reference:
                    if (conditional.WhenNotNull is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" } }
                        && IsInFinally(conditional, body))
                    {
                        return false;
                    }

                    continue;
                case AssignmentExpressionSyntax assignment when assignment.Left == reference:
                    continue;
                default:
                    if (stored is null && StoreOf(reference, model, cancellationToken) is { } store)
                    {
                        stored = store;
                        continue;
                    }

                    return false;
            }
        }

        return stored is null || SetupMayFailUnprotected(local.Name, open, stored, body);
    }

    /// <summary><c>_field = conn</c>, <c>_map[key] = (conn, tx)</c>: a field or property of this instance, or static.</summary>
    private static AssignmentExpressionSyntax? StoreOf(IdentifierNameSyntax reference, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        SyntaxNode value = reference;
        if (reference.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax tuple })
        {
            value = tuple;
        }

        if (value.Parent is not AssignmentExpressionSyntax assignment || assignment.Right != value || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            return null;
        }

        var target = assignment.Left is ElementAccessExpressionSyntax element ? element.Expression : assignment.Left;
        if (target is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member)
        {
            target = member.Name;
        }

        return target is IdentifierNameSyntax && model.GetSymbolInfo(target, cancellationToken).Symbol is IFieldSymbol or IPropertySymbol ? assignment : null;
    }

    /// <summary>A call on the connection between the open and the store, outside every catch-all that disposes it.</summary>
    private static bool SetupMayFailUnprotected(string local, InvocationExpressionSyntax open, AssignmentExpressionSyntax store, SyntaxNode body)
    {
        foreach (var node in body.DescendantNodes(TextSpan.FromBounds(open.Span.End, store.SpanStart)))
        {
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access } call
                && receiver.Identifier.ValueText == local
                && call.SpanStart >= open.Span.End && call.SpanStart < store.SpanStart
                && !IsDisposeName(access.Name.Identifier.ValueText)
                && Body(call) == body
                && !IsProtected(call, local, body))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsProtected(SyntaxNode call, string local, SyntaxNode body)
    {
        for (var child = call; child != body && child.Parent is { } parent; child = parent)
        {
            if (parent is TryStatementSyntax @try && @try.Block == child)
            {
                foreach (var @catch in @try.Catches)
                {
                    if (@catch.Filter is null
                        && @catch.Declaration?.Type.ToString() is null or "Exception" or "System.Exception"
                        && Disposes(@catch.Block, local))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Disposes(SyntaxNode block, string local)
    {
        foreach (var node in block.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation
                && (invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name: var name } && receiver.Identifier.ValueText == local && IsDisposeName(name.Identifier.ValueText)
                    || (invocation.Expression is MemberBindingExpressionSyntax binding && IsDisposeName(binding.Name.Identifier.ValueText)
                        && invocation.Parent is ConditionalAccessExpressionSyntax { Expression: IdentifierNameSyntax target } && target.Identifier.ValueText == local)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDisposeName(string name) => name is "Dispose" or "DisposeAsync" or "Close" or "CloseAsync";

    private static System.Collections.Generic.IEnumerable<IdentifierNameSyntax> References(SyntaxNode body, ILocalSymbol local, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier
                && identifier.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                yield return identifier;
            }
        }
    }

    /// <summary>The function whose locals are tracked: a lambda, a local function, or the member.</summary>
    private static SyntaxNode Body(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
                or CompilationUnitSyntax)
            {
                return current;
            }
        }

        return node.SyntaxTree.GetRoot();
    }

    private static bool IsInFinally(SyntaxNode node, SyntaxNode body)
    {
        for (var current = node.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is FinallyClauseSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ImportsProvider(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            var usings = current switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                _ => default,
            };
            foreach (var directive in usings)
            {
                if (directive.Alias is null && directive.Name is { } imported && ProviderNamespaces.Contains(imported.ToString()))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
