using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0009: a connection opened with <c>DbDataSource.OpenConnection(Async)</c>, or created in the same function
/// (<c>DbDataSource.CreateConnection()</c>, <c>new XxxConnection(…)</c>) and then opened, that is neither disposed on
/// every path (<c>using</c>, Dispose/Close in <c>finally</c>) nor handed to anything else. Works for every ADO.NET
/// provider: the types are resolved by their System.Data.Common metadata names.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndisposedDbConnectionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>"true" when the fix should write <c>await using</c> (async open in an async function).</summary>
    internal const string UseAwaitProperty = "UseAwait";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.UndisposedDbConnection];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            if (TestCode.IsTestCompilation(compilationStart.Options, compilationStart.Compilation))
            {
                return;
            }

            // Resolved at the first open that passes the syntax tests: most compilations never need the types.
            var compilation = compilationStart.Compilation;
            var symbols = new System.Lazy<DbSymbols?>(() => DbSymbols.TryCreate(compilation));
            // The opens are found where each file's text says "Open" followed by "(", "Async(", "Connection(" or
            // "ConnectionAsync(" (FileWords: one read of the file shared with the rules that search it for other
            // words); an Open is bound only when its receiver may be a local the same member creates: a compilation
            // pays nothing for the files and bodies that never open a connection they own.
            var words = FileWords.For(compilation);
            compilationStart.RegisterSemanticModelAction(c =>
            {
                var tree = c.SemanticModel.SyntaxTree;
                if (words.Of(tree, c.CancellationToken).OpenCalls is { } positions)
                {
                    foreach (var invocation in NamedInvocations.At(tree, positions, c.CancellationToken))
                    {
                        OnInvocation(c, invocation, symbols);
                    }
                }
            });
        });
    }

    private static void OnInvocation(SemanticModelAnalysisContext context, InvocationExpressionSyntax syntax, System.Lazy<DbSymbols?> lazySymbols)
    {
        var name = syntax.GetInvokedName();
        if (name is not ("Open" or "OpenAsync" or "OpenConnection" or "OpenConnectionAsync")
            || (name is "Open" or "OpenAsync" ? !CreatedConnectionCandidates.MayOpenALocalItCreated(syntax) : CreatedConnectionCandidates.OpensIntoUsing(syntax))
            || lazySymbols.Value is not { } symbols)
        {
            return;
        }

        if (context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation invocation)
        {
            Analyze(context, invocation, symbols);
        }
        else
        {
            // Before restore the provider's types are missing and their calls bind to nothing: see UnresolvedDbConnection.
            UnresolvedDbConnection.Analyze(context.SemanticModel, syntax, open => ReportUnresolved(context, open), context.CancellationToken);
        }
    }

    private static void ReportUnresolved(SemanticModelAnalysisContext context, InvocationExpressionSyntax invocation)
    {
        var name = ((MemberAccessExpressionSyntax)invocation.Expression).Name.Identifier.ValueText;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(UseAwaitProperty, "false");
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UndisposedDbConnection, invocation.GetLocation(), null, properties, name));
    }

    private static void Analyze(SemanticModelAnalysisContext context, IInvocationOperation invocation, DbSymbols symbols)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "OpenConnection" or "OpenConnectionAsync" when !method.IsStatic && symbols.IsDataSource(method.ContainingType):
                AnalyzeOpenedConnection(context, invocation, symbols);
                break;
            case "Open" or "OpenAsync" when !method.IsStatic && symbols.IsConnection(method.ContainingType):
                AnalyzeOpenOfCreatedConnection(context, invocation, symbols);
                break;
        }
    }

    /// <summary><c>ds.OpenConnection()</c>: discarded, used and dropped, or held in a local that leaks.</summary>
    private static void AnalyzeOpenedConnection(SemanticModelAnalysisContext context, IInvocationOperation invocation, DbSymbols symbols)
    {
        var value = WalkUpAwait(invocation);
        // A data source of the project's own may return the provider's connection type, unresolved before restore.
        var isConnection = symbols.IsConnection(value.Type) || UnresolvedDbConnection.IsUnresolvedProviderConnection(ResultType(invocation));
        switch (value.WalkUpConversions())
        {
            case IExpressionStatementOperation:
            case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                Report(context, invocation, declaration: null);
                return;
            case IInvocationOperation consumer when isConnection && ReferenceEquals(consumer.Instance?.WalkDownConversions(), value):
                // ds.OpenConnection().CreateCommand(): nobody disposes it, unless a reader closes it (CloseConnection).
                if (!ConnectionLifetime.IsDisposeMethod(consumer.TargetMethod.Name) && !ConnectionLifetime.UsesCloseConnection(ConnectionLifetime.BodyOf(invocation), symbols))
                {
                    Report(context, invocation, declaration: null);
                }

                return;
            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true }, Parameter.Ordinal: 0 } when isConnection:
                if (!ConnectionLifetime.UsesCloseConnection(ConnectionLifetime.BodyOf(invocation), symbols))
                {
                    Report(context, invocation, declaration: null); // ds.OpenConnection().Query(…)
                }

                return;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when isConnection:
                if (!ConnectionLifetime.IsUsingDeclarator(declarator))
                {
                    var fate = ConnectionLifetime.Follow(declarator.Symbol, ConnectionLifetime.BodyOf(declarator), symbols, out var reassigned, open: invocation);
                    if (fate is ConnectionFate.Leaks or ConnectionFate.LeaksWhenSetupFails)
                    {
                        // A using would dispose the connection that the instance keeps once the setup succeeds: no fix then.
                        Report(context, invocation, reassigned || fate != ConnectionFate.Leaks ? null : FixableDeclaration(declarator));
                    }
                }

                return;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when isConnection && ReferenceEquals(assignment.Value.WalkDownConversions(), value):
                if (ConnectionLifetime.Follow(target.Local, ConnectionLifetime.BodyOf(assignment), symbols, out _, open: invocation) is ConnectionFate.Leaks or ConnectionFate.LeaksWhenSetupFails)
                {
                    Report(context, invocation, declaration: null);
                }

                return;
        }
    }

    /// <summary>What an open returns, seen through its task (awaiting a task of an unresolved type gives a nameless type).</summary>
    private static ITypeSymbol? ResultType(IInvocationOperation invocation)
        => invocation.Type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task ? task.TypeArguments[0] : invocation.Type;

    /// <summary><c>var c = new NpgsqlConnection(cs); c.Open();</c>: the first Open of a connection this function created.</summary>
    private static void AnalyzeOpenOfCreatedConnection(SemanticModelAnalysisContext context, IInvocationOperation invocation, DbSymbols symbols)
    {
        if (invocation.Instance?.WalkDownConversions() is not ILocalReferenceOperation instance)
        {
            return;
        }

        var body = ConnectionLifetime.BodyOf(invocation);
        IVariableDeclaratorOperation? declarator = null;
        var created = false;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation candidate when SymbolEqualityComparer.Default.Equals(candidate.Symbol, instance.Local):
                    declarator = candidate;
                    if (candidate.Initializer is { } initializer)
                    {
                        if (!IsCreation(initializer.Value, symbols, ref created))
                        {
                            return;
                        }
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, instance.Local):
                    if (!IsCreation(assignment.Value, symbols, ref created))
                    {
                        return;
                    }

                    break;
                case IInvocationOperation { TargetMethod.Name: "Open" or "OpenAsync", Instance: { } receiver } earlier
                    when earlier.Syntax.SpanStart < invocation.Syntax.SpanStart
                        && receiver.WalkDownConversions() is ILocalReferenceOperation other
                        && SymbolEqualityComparer.Default.Equals(other.Local, instance.Local):
                    return; // reported at the first Open
            }
        }

        // Declared in an enclosing function (captured), or never created here: ownership is not visible.
        if (declarator is null || !created || ConnectionLifetime.IsUsingDeclarator(declarator))
        {
            return;
        }

        var fate = ConnectionLifetime.Follow(instance.Local, body, symbols, out var reassigned, open: invocation);
        if (fate is ConnectionFate.Leaks or ConnectionFate.LeaksWhenSetupFails)
        {
            Report(context, invocation, reassigned || declarator.Initializer is null || fate != ConnectionFate.Leaks ? null : FixableDeclaration(declarator));
        }
    }

    /// <summary><c>new XxxConnection(…)</c> or <c>dataSource.CreateConnection()</c> (sets created); null/default are neutral.</summary>
    private static bool IsCreation(IOperation value, DbSymbols symbols, ref bool created)
    {
        switch (value.WalkDownConversions())
        {
            case IObjectCreationOperation creation when symbols.IsConnection(creation.Type):
            case IInvocationOperation { TargetMethod.Name: "CreateConnection" } call when symbols.IsDataSource(call.TargetMethod.ContainingType):
                created = true;
                return true;
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
            case IDefaultValueOperation:
                return true;
            default:
                return false;
        }
    }

    /// <summary>From <c>ds.OpenConnectionAsync()</c> up through <c>.ConfigureAwait(…)</c> and <c>await</c> to the connection.</summary>
    private static IOperation WalkUpAwait(IOperation value)
    {
        while (true)
        {
            var parent = value.WalkUpConversions();
            if (parent is IAwaitOperation
                || (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configureAwait && ReferenceEquals(configureAwait.Instance?.WalkDownConversions(), value)))
            {
                value = parent;
                continue;
            }

            return value;
        }
    }

    /// <summary>The statement the fix turns into a using declaration: <c>var c = …;</c>, alone, directly in a block.</summary>
    private static LocalDeclarationStatementSyntax? FixableDeclaration(IVariableDeclaratorOperation declarator)
        => declarator.Syntax.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
            && statement.UsingKeyword.IsKind(SyntaxKind.None)
            && statement.Parent is BlockSyntax or GlobalStatementSyntax
                ? statement
                : null;

    private static void Report(SemanticModelAnalysisContext context, IInvocationOperation invocation, LocalDeclarationStatementSyntax? declaration)
    {
        var useAwait = invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal)
            && IsAsyncFunction(invocation, NamedInvocations.ContainingMember(context.SemanticModel, invocation.Syntax.SpanStart, context.CancellationToken));
        var properties = ImmutableDictionary<string, string?>.Empty.Add(UseAwaitProperty, useAwait ? "true" : "false");
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UndisposedDbConnection,
            invocation.Syntax.GetLocation(),
            declaration is null ? null : [declaration.GetLocation()],
            properties,
            invocation.TargetMethod.Name));
    }

    private static bool IsAsyncFunction(IOperation operation, ISymbol? containing)
        => operation.GetEnclosingFunction() switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
            ILocalFunctionOperation local => local.Symbol.IsAsync,
            _ => containing is IMethodSymbol { IsAsync: true },
        };
}
