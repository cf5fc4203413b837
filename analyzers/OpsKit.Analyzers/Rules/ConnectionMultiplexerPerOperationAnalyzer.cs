using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0007: <c>ConnectionMultiplexer.Connect/ConnectAsync</c> per operation: in a method that uses the connection and
/// drops it, in a scoped/transient registration factory, or in the constructor or instance initializer of a class that
/// is created per request (controller, hub, page, or registered scoped/transient in the same compilation). Shared
/// creations stay silent: static initializers, <c>Lazy&lt;&gt;</c> factories, singleton DI registrations, singletons' and
/// unregistered classes' constructors, factory methods that return the connection, results stored in a field, entry
/// points and setup code that receives the service collection. Test code (IsTestProject, a test framework reference or
/// a test-like assembly name) is skipped.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConnectionMultiplexerPerOperationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.ConnectionMultiplexerPerOperation];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var compilation = compilationStart.Compilation;
            if (TestCode.IsTestCompilation(compilationStart.Options, compilation))
            {
                return;
            }

            const string MultiplexerType = "StackExchange.Redis.ConnectionMultiplexer";
            var multiplexer = compilation.MayContainType(MultiplexerType, "StackExchange.Redis") ? compilation.GetBestTypeByMetadataName(MultiplexerType, "StackExchange.Redis") : null;
            if (multiplexer is null && !MentionsMultiplexer(compilation, compilationStart.CancellationToken))
            {
                return; // neither the type nor its name: nothing here can create a multiplexer
            }

            // Looked up only when a Connect call is found: a lookup by metadata name without an assembly name
            // visits every reference of the compilation.
            var lazy = new Lazy<INamedTypeSymbol?>(() => compilation.GetFrameworkType("System.Lazy`1", "System.Runtime"));
            var registrations = new ServiceRegistrations(compilation);
            var pending = new ConcurrentBag<(Diagnostic Diagnostic, INamedTypeSymbol Type)>();

            // Only the code blocks of files that name a Connect method or a DI registration method (whole words) get a
            // callback per invocation. It notes the registrations by name (bound only if a constructor's Connect
            // waits for its class's lifetime) and finds the Connect calls by name.
            var mentionsConnect = new TreeMentions(wholeWord: true, "Connect", "ConnectAsync", "SentinelConnect", "SentinelConnectAsync");
            if (!mentionsConnect.InAny(compilation, compilationStart.CancellationToken))
            {
                return; // no Connect call: no diagnostic, and no registration is ever asked for
            }

            var mentionsRegistration = new TreeMentions(wholeWord: false, "Singleton", "Scoped", "Transient", "AddHostedService", "AddHttpClient");
            compilationStart.RegisterCodeBlockStartAction<SyntaxKind>(blockStart =>
            {
                var tree = blockStart.CodeBlock.SyntaxTree;
                var connects = mentionsConnect.In(tree, blockStart.CancellationToken);
                var registers = mentionsRegistration.In(tree, blockStart.CancellationToken);
                if (!connects && !registers)
                {
                    return;
                }

                blockStart.RegisterSyntaxNodeAction(
                    c =>
                    {
                        var syntax = (InvocationExpressionSyntax)c.Node;
                        if (registers)
                        {
                            registrations.Collect(syntax);
                        }

                        if (!connects)
                        {
                            return;
                        }

                        if (multiplexer is null)
                        {
                            // Before restore StackExchange.Redis is missing: 'ConnectionMultiplexer.Connect(…)' with a using
                            // of the namespace and nothing else of that name in scope is still the Redis call, in the clear shapes.
                            AnalyzeUnresolved(c, lazy, pending);
                        }
                        else if (IsConnect(syntax.GetInvokedName())
                            && c.SemanticModel.GetOperation(syntax, c.CancellationToken) is IInvocationOperation invocation
                            && IsConnect(invocation.TargetMethod.Name)
                            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, multiplexer)
                            && c.ContainingSymbol is { } owner)
                        {
                            Analyze(owner, invocation, invocation.TargetMethod.Name, lazy, c.ReportDiagnostic, pending);
                        }
                    },
                    SyntaxKind.InvocationExpression);
            });

            compilationStart.RegisterCompilationEndAction(end =>
            {
                foreach (var (diagnostic, type) in pending)
                {
                    var lifetime = registrations.LifetimeOf(type, end.CancellationToken);
                    if ((lifetime & (RegisteredLifetime.Scoped | RegisteredLifetime.Transient)) != 0 && (lifetime & RegisteredLifetime.Singleton) == 0)
                    {
                        end.ReportDiagnostic(diagnostic);
                    }
                }
            });
        });
    }

    private static bool MentionsMultiplexer(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (SourceTextSearch.IndexOf(tree.GetText(cancellationToken), "ConnectionMultiplexer") >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConnect(string name) => name is "Connect" or "ConnectAsync" or "SentinelConnect" or "SentinelConnectAsync";

    private static void AnalyzeUnresolved(SyntaxNodeAnalysisContext context, Lazy<INamedTypeSymbol?> lazy, ConcurrentBag<(Diagnostic, INamedTypeSymbol)> pending)
    {
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (syntax.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access
            || !IsConnect(name.Identifier.ValueText)
            || access.Expression is not (IdentifierNameSyntax { Identifier.ValueText: "ConnectionMultiplexer" } or QualifiedNameSyntax { Right.Identifier.ValueText: "ConnectionMultiplexer" }))
        {
            return;
        }

        var model = context.SemanticModel;
        if (model.GetSymbolInfo(access.Expression, context.CancellationToken).Symbol is { Kind: not SymbolKind.ErrorType }
            || model.GetTypeInfo(access.Expression, context.CancellationToken).Type is { TypeKind: not TypeKind.Error }
            || (access.Expression is IdentifierNameSyntax && !ImportsRedis(syntax)))
        {
            return;
        }

        if (model.GetOperation(syntax, context.CancellationToken) is { } operation && context.ContainingSymbol is { } owner)
        {
            Analyze(owner, operation, name.Identifier.ValueText, lazy, context.ReportDiagnostic, pending);
        }
    }

    private static bool ImportsRedis(SyntaxNode node)
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
                if (directive.Alias is null && directive.Name?.ToString() == "StackExchange.Redis")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Analyze(ISymbol owner, IOperation invocation, string methodName, Lazy<INamedTypeSymbol?> lazy, Action<Diagnostic> report, ConcurrentBag<(Diagnostic, INamedTypeSymbol)> pending)
    {
        var diagnostic = Diagnostic.Create(Descriptors.ConnectionMultiplexerPerOperation, invocation.Syntax.GetLocation(), methodName);

        // Inside a lambda, what the lambda is handed to decides: Lazy and singleton registrations share the result,
        // scoped/transient registrations and request handlers do not. Outside lambdas, the member decides.
        if (invocation.GetEnclosingFunction() is IAnonymousFunctionOperation lambda)
        {
            switch (ClassifyLambdaConsumer(lambda, lazy))
            {
                case Lifetime.Shared:
                    return;
                case Lifetime.PerOperation:
                    report(diagnostic);
                    return;
            }
        }
        else if (PerInstanceType(owner) is { } instanceType)
        {
            // A constructor or instance initializer runs once per instance: per request when the class is a
            // controller, hub or page, or is registered scoped/transient (decided when every registration is known).
            if (IsPerRequestFrameworkType(instanceType))
            {
                report(diagnostic);
            }
            else
            {
                pending.Add((diagnostic, instanceType));
            }

            return;
        }
        else if (IsSharedContext(owner))
        {
            return;
        }

        if (IsPerOperationUse(invocation))
        {
            report(diagnostic);
        }
    }

    /// <summary>The class whose instances run this code once each: instance constructors and instance field/property initializers.</summary>
    private static INamedTypeSymbol? PerInstanceType(ISymbol owner)
        => owner switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } constructor => constructor.ContainingType,
            IFieldSymbol { IsStatic: false } field => field.ContainingType,
            IPropertySymbol { IsStatic: false } property => property.ContainingType,
            _ => null,
        };

    /// <summary>ASP.NET Core creates controllers, Razor pages, SignalR hubs and components for every request or connection.</summary>
    private static bool IsPerRequestFrameworkType(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            var ns = current.ContainingNamespace?.ToDisplayString();
            if ((current.Name is "ControllerBase" or "Controller" && ns == "Microsoft.AspNetCore.Mvc")
                || (current.Name is "PageModel" && ns == "Microsoft.AspNetCore.Mvc.RazorPages")
                || (current.Name is "Hub" && ns == "Microsoft.AspNetCore.SignalR")
                || (current.Name is "ComponentBase" && ns == "Microsoft.AspNetCore.Components"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Code that runs once: type initializers, constructors (lifetime unknown), entry points, DI setup.</summary>
    private static bool IsSharedContext(ISymbol owner)
    {
        switch (owner)
        {
            case IFieldSymbol or IPropertySymbol:
                return true; // static initializers: once per process
            case IMethodSymbol method:
                if (method.MethodKind is MethodKind.StaticConstructor)
                {
                    return true;
                }

                if (method.IsStatic && method.Name is "Main" or "<Main>$")
                {
                    return true;
                }

                // A console tool's Program runs each of its static steps once per run.
                if (method.IsStatic && method.ContainingType?.GetMembers("Main").Length > 0)
                {
                    return true;
                }

                // BackgroundService.ExecuteAsync and IHostedService.StartAsync run once per process.
                if (method.Name is "ExecuteAsync" or "StartAsync" or "StartingAsync" && IsHostedService(method.ContainingType))
                {
                    return true;
                }

                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Type.Name is "IServiceCollection" or "IHostApplicationBuilder" or "WebApplicationBuilder" or "IHostBuilder" or "HostApplicationBuilder"
                        && parameter.Type.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.DependencyInjection" or "Microsoft.Extensions.Hosting" or "Microsoft.AspNetCore.Builder")
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsHostedService(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name is "IHostedService" or "IHostedLifecycleService" && implemented.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Hosting")
            {
                return true;
            }
        }

        return false;
    }

    private enum Lifetime
    {
        Unknown,
        Shared,
        PerOperation,
    }

    private static Lifetime ClassifyLambdaConsumer(IAnonymousFunctionOperation lambda, Lazy<INamedTypeSymbol?> lazy)
    {
        var consumer = lambda.WalkUpConversions();
        if (consumer is IDelegateCreationOperation)
        {
            consumer = consumer.WalkUpConversions();
        }

        if (consumer is not IArgumentOperation argument)
        {
            return Lifetime.Unknown;
        }

        switch (argument.Parent)
        {
            case IObjectCreationOperation creation when lazy.Value is { } lazyType && SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, lazyType):
                return Lifetime.Shared;
            case IObjectCreationOperation creation when creation.Type?.Name is "AsyncLazy":
                return Lifetime.Shared;
            case IInvocationOperation invocation:
                var name = invocation.TargetMethod.Name;
                if (name is "EnsureInitialized" or "GetOrAdd" or "GetOrCreate" or "GetOrCreateAsync"
                    || name.StartsWith("AddSingleton", System.StringComparison.Ordinal)
                    || name.StartsWith("TryAddSingleton", System.StringComparison.Ordinal)
                    || name.StartsWith("AddKeyedSingleton", System.StringComparison.Ordinal)
                    || name.StartsWith("TryAddKeyedSingleton", System.StringComparison.Ordinal))
                {
                    return Lifetime.Shared;
                }

                if (name is "AddScoped" or "AddTransient" or "TryAddScoped" or "TryAddTransient" or "AddKeyedScoped" or "AddKeyedTransient" or "TryAddKeyedScoped" or "TryAddKeyedTransient"
                    && invocation.TargetMethod.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.DependencyInjection" or "Microsoft.Extensions.DependencyInjection.Extensions")
                {
                    return Lifetime.PerOperation;
                }

                return Lifetime.Unknown;
            default:
                return Lifetime.Unknown;
        }
    }

    /// <summary>
    /// The connection is used and dropped in the operation: discarded, used as a receiver, or held in a local that
    /// never leaves the function. Stored in a field, returned or handed to another method means shared or unknown.
    /// </summary>
    private static bool IsPerOperationUse(IOperation invocation)
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
