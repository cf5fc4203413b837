using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0007: <c>ConnectionMultiplexer.Connect/ConnectAsync</c> per operation. Shared creations stay silent: static
/// initializers and constructors, <c>Lazy&lt;&gt;</c> factories, singleton DI registrations, factory methods that
/// return the connection, results stored in a field, entry points and setup code that receives the service collection.
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
            if (ProjectProperties.IsTestProject(compilationStart.Options))
            {
                return;
            }

            var multiplexer = compilationStart.Compilation.GetBestTypeByMetadataName("StackExchange.Redis.ConnectionMultiplexer");
            if (multiplexer is null)
            {
                return;
            }

            var lazy = compilationStart.Compilation.GetBestTypeByMetadataName("System.Lazy`1");
            compilationStart.RegisterOperationAction(c => Analyze(c, multiplexer, lazy), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol multiplexer, INamedTypeSymbol? lazy)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Connect" or "ConnectAsync" or "SentinelConnect" or "SentinelConnectAsync")
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, multiplexer))
        {
            return;
        }

        // Inside a lambda, what the lambda is handed to decides: Lazy and singleton registrations share the result,
        // scoped/transient registrations and request handlers do not. Outside lambdas, the member decides.
        if (invocation.GetEnclosingFunction() is IAnonymousFunctionOperation lambda)
        {
            switch (ClassifyLambdaConsumer(lambda, lazy))
            {
                case Lifetime.Shared:
                    return;
                case Lifetime.PerOperation:
                    Report(context, invocation);
                    return;
            }
        }
        else if (IsSharedContext(context.ContainingSymbol))
        {
            return;
        }

        if (IsPerOperationUse(invocation))
        {
            Report(context, invocation);
        }
    }

    private static void Report(OperationAnalysisContext context, IInvocationOperation invocation)
        => context.ReportDiagnostic(Diagnostic.Create(Descriptors.ConnectionMultiplexerPerOperation, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));

    /// <summary>Code that runs once: type initializers, constructors (lifetime unknown), entry points, DI setup.</summary>
    private static bool IsSharedContext(ISymbol owner)
    {
        switch (owner)
        {
            case IFieldSymbol or IPropertySymbol:
                // Field and property initializers run once per instance or type; the instance's lifetime is unknown.
                return true;
            case IMethodSymbol method:
                if (method.MethodKind is MethodKind.StaticConstructor or MethodKind.Constructor)
                {
                    return true;
                }

                if (method.IsStatic && method.Name is "Main" or "<Main>$")
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

    private static Lifetime ClassifyLambdaConsumer(IAnonymousFunctionOperation lambda, INamedTypeSymbol? lazy)
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
            case IObjectCreationOperation creation when lazy is not null && SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, lazy):
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
    private static bool IsPerOperationUse(IInvocationOperation invocation)
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

            break;
        }

        // Only the connection itself counts as "used and dropped"; a Task consumed by GetAwaiter()/Result is unknown.
        var isConnection = value.Type?.Name is "ConnectionMultiplexer" or "IConnectionMultiplexer";
        switch (parent)
        {
            case IExpressionStatementOperation:
                return true;
            case IInvocationOperation consumer when isConnection && consumer.Instance is not null && ReferenceEquals(consumer.Instance.WalkDownConversions(), value):
                return true;
            case IPropertyReferenceOperation property when isConnection && ReferenceEquals(property.Instance?.WalkDownConversions(), value):
                return true;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return IsLocalConfinedToFunction(declarator.Symbol, declarator);
            default:
                return false;
        }
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
