using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Internal;

/// <summary>The lifetimes a type is registered with in the DI container of one compilation.</summary>
[Flags]
internal enum RegisteredLifetime
{
    None = 0,
    Singleton = 1,
    Scoped = 2,
    Transient = 4,
}

/// <summary>
/// Implementation types registered with Microsoft.Extensions.DependencyInjection in one compilation, collected from the
/// registration calls themselves (<c>AddSingleton&lt;IService, Impl&gt;()</c>, <c>AddScoped&lt;Impl&gt;()</c>,
/// <c>TryAddTransient(typeof(I), typeof(Impl))</c>, <c>AddSingleton&lt;I&gt;(sp =&gt; new Impl(…))</c>,
/// <c>AddHostedService&lt;T&gt;()</c>, <c>AddHttpClient&lt;I, Impl&gt;()</c>). Works from syntax first so that it also
/// sees registrations whose DI package is not restored; a resolved method from another library is ignored.
/// </summary>
internal sealed class ServiceRegistrations
{
    private readonly ConcurrentDictionary<ITypeSymbol, RegisteredLifetime> _lifetimes = new(SymbolEqualityComparer.Default);

    public void Register(CompilationStartAnalysisContext context)
        => context.RegisterSyntaxNodeAction(OnInvocation, SyntaxKind.InvocationExpression);

    /// <summary>The lifetimes of the type and of every registered class derived from it (a base class's fields and
    /// constructor live as long as the registered instance).</summary>
    public RegisteredLifetime LifetimeOf(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        var lifetime = RegisteredLifetime.None;
        foreach (var pair in _lifetimes)
        {
            for (var current = pair.Key; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, definition))
                {
                    lifetime |= pair.Value;
                    break;
                }
            }
        }

        return lifetime;
    }

    private void OnInvocation(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is null || Classify(name.Identifier.ValueText) is not { } lifetime)
        {
            return;
        }

        // A resolved method must come from the DI abstractions (or the hosting/HTTP extensions that register services).
        if (context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method
            && method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) != true)
        {
            return;
        }

        if (name is GenericNameSyntax generic && generic.TypeArgumentList.Arguments.Count > 0)
        {
            Add(context, generic.TypeArgumentList.Arguments[generic.TypeArgumentList.Arguments.Count - 1], lifetime);
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case TypeOfExpressionSyntax typeOf:
                    Add(context, typeOf.Type, lifetime);
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    AddCreated(context, creation, lifetime);
                    break;
                case LambdaExpressionSyntax { ExpressionBody: BaseObjectCreationExpressionSyntax created }:
                    AddCreated(context, created, lifetime);
                    break;
            }
        }
    }

    private void Add(SyntaxNodeAnalysisContext context, TypeSyntax syntax, RegisteredLifetime lifetime)
    {
        if (context.SemanticModel.GetTypeInfo(syntax, context.CancellationToken).Type is INamedTypeSymbol { TypeKind: TypeKind.Class } type)
        {
            _lifetimes.AddOrUpdate(type.OriginalDefinition, lifetime, (_, existing) => existing | lifetime);
        }
    }

    private void AddCreated(SyntaxNodeAnalysisContext context, BaseObjectCreationExpressionSyntax creation, RegisteredLifetime lifetime)
    {
        if (context.SemanticModel.GetTypeInfo(creation, context.CancellationToken).Type is INamedTypeSymbol { TypeKind: TypeKind.Class } type)
        {
            _lifetimes.AddOrUpdate(type.OriginalDefinition, lifetime, (_, existing) => existing | lifetime);
        }
    }

    private static RegisteredLifetime? Classify(string name)
        => name switch
        {
            "AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton" or "AddHostedService" => RegisteredLifetime.Singleton,
            "AddScoped" or "TryAddScoped" or "AddKeyedScoped" or "TryAddKeyedScoped" => RegisteredLifetime.Scoped,
            "AddTransient" or "TryAddTransient" or "AddKeyedTransient" or "TryAddKeyedTransient" or "AddHttpClient" => RegisteredLifetime.Transient,
            _ => null,
        };
}
