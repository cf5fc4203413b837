using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
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
    private const string MultiplexerType = "StackExchange.Redis.ConnectionMultiplexer";

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

            // A Connect call is in a file that names ConnectionMultiplexer (its receiver, or the alias or static import
            // that stands for it) and calls something named Connect: usually no file of the compilation, and then
            // nothing is registered at all.
            var calls = new Dictionary<SyntaxTree, List<int>>();
            var words = FileWords.For(compilation);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var text = tree.GetText(compilationStart.CancellationToken);
                if (GeneratedCode.IsLongAndGenerated(tree, text, compilationStart.Options, compilationStart.CancellationToken))
                {
                    continue; // the rule's callback never sees a generated file
                }

                if (words.Of(tree, compilationStart.CancellationToken).ConnectCalls is { } positions)
                {
                    calls.Add(tree, positions);
                }
            }

            if (calls.Count == 0)
            {
                return;
            }

            var multiplexer = compilation.MayContainType(MultiplexerType, "StackExchange.Redis") ? compilation.GetBestTypeByMetadataName(MultiplexerType, "StackExchange.Redis") : null;

            // Looked up only when a Connect call is found: a lookup by metadata name without an assembly name
            // visits every reference of the compilation.
            var lazy = new Lazy<INamedTypeSymbol?>(() => compilation.GetFrameworkType("System.Lazy`1", "System.Runtime"));
            var pending = new ConcurrentBag<(Diagnostic Diagnostic, INamedTypeSymbol Type)>();
            compilationStart.RegisterSemanticModelAction(c =>
            {
                if (!calls.TryGetValue(c.SemanticModel.SyntaxTree, out var positions))
                {
                    return;
                }

                foreach (var syntax in NamedInvocations.At(c.SemanticModel.SyntaxTree, positions, c.CancellationToken))
                {
                    if (!IsConnect(syntax.GetInvokedName()) || IsReturnedFromAMethod(syntax))
                    {
                        continue;
                    }

                    if (multiplexer is null)
                    {
                        // Before restore StackExchange.Redis is missing: 'ConnectionMultiplexer.Connect(…)' with a using
                        // of the namespace and nothing else of that name in scope is still the Redis call, in the clear shapes.
                        AnalyzeUnresolved(c, syntax, lazy, pending);
                    }
                    else if (c.SemanticModel.GetOperation(syntax, c.CancellationToken) is IInvocationOperation invocation
                        && IsConnect(invocation.TargetMethod.Name)
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, multiplexer)
                        && NamedInvocations.ContainingMember(c.SemanticModel, syntax.SpanStart, c.CancellationToken) is { } owner)
                    {
                        Analyze(owner, invocation, invocation.TargetMethod.Name, lazy, c.ReportDiagnostic, pending);
                    }
                }
            });

            compilationStart.RegisterCompilationEndAction(end =>
            {
                if (pending.IsEmpty)
                {
                    return;
                }

                // Only the registrations that name one of these classes (or a class derived from one) are bound.
                var owners = new List<INamedTypeSymbol>();
                foreach (var (_, type) in pending)
                {
                    owners.Add(type);
                }

                var registrations = OwnerRegistrations.Find(end.Compilation, owners, end.Options, end.CancellationToken);
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

    /// <summary>
    /// <c>return ConnectionMultiplexer.Connect(…);</c> in a method, outside lambdas and constructors: a factory whose
    /// caller keeps the connection, never reported, so its member is not bound (the first binding in a file of a large
    /// project is the expensive part of this rule).
    /// </summary>
    private static bool IsReturnedFromAMethod(InvocationExpressionSyntax syntax)
    {
        SyntaxNode value = syntax;
        while (value.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax
            || (value.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax } configure && configure.Expression == value))
        {
            value = value.Parent is MemberAccessExpressionSyntax { Parent: { } call } ? call : value.Parent;
        }

        if (value.Parent is not ReturnStatementSyntax)
        {
            return false;
        }

        foreach (var ancestor in value.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or ConstructorDeclarationSyntax:
                    return false;
                case MethodDeclarationSyntax or AccessorDeclarationSyntax or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax:
                    return true;
            }
        }

        return false;
    }

    private static bool IsConnect(string name) => name is "Connect" or "ConnectAsync" or "SentinelConnect" or "SentinelConnectAsync";

    private static void AnalyzeUnresolved(SemanticModelAnalysisContext context, InvocationExpressionSyntax syntax, Lazy<INamedTypeSymbol?> lazy, ConcurrentBag<(Diagnostic, INamedTypeSymbol)> pending)
    {
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

        if (model.GetOperation(syntax, context.CancellationToken) is { } operation
            && NamedInvocations.ContainingMember(model, syntax.SpanStart, context.CancellationToken) is { } owner)
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
            switch (MultiplexerCreationContext.ClassifyLambdaConsumer(lambda, lazy))
            {
                case ConnectFrequency.Shared:
                    return;
                case ConnectFrequency.PerOperation:
                    report(diagnostic);
                    return;
            }
        }
        else if (MultiplexerCreationContext.PerInstanceType(owner) is { } instanceType)
        {
            // A constructor or instance initializer runs once per instance: per request when the class is a
            // controller, hub or page, or is registered scoped/transient (decided when every registration is known).
            if (MultiplexerCreationContext.IsPerRequestFrameworkType(instanceType))
            {
                report(diagnostic);
            }
            else
            {
                pending.Add((diagnostic, instanceType));
            }

            return;
        }
        else if (MultiplexerCreationContext.IsSharedContext(owner))
        {
            return;
        }

        if (MultiplexerUse.IsPerOperationUse(invocation))
        {
            report(diagnostic);
        }
    }
}
