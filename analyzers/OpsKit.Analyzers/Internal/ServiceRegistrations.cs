using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
    private readonly List<InvocationExpressionSyntax> _candidates = [];
    private readonly Compilation _compilation;
    private Dictionary<ITypeSymbol, RegisteredLifetime>? _lifetimes;

    /// <summary>The calls are handed in by the caller (<see cref="Collect"/>), which finds them where it needs them.</summary>
    public ServiceRegistrations(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// Keeps the call when its name is a registration method's. The calls are bound only when a rule asks for a
    /// lifetime at the end of the compilation, which most compilations never do.
    /// </summary>
    public void Collect(InvocationExpressionSyntax invocation)
    {
        if (NameOf(invocation) is { } name && Classify(name.Identifier.ValueText) is not null)
        {
            _candidates.Add(invocation);
        }
    }

    /// <summary>The lifetimes of the type and of every registered class derived from it (a base class's fields and
    /// constructor live as long as the registered instance). Call only from a compilation end action.</summary>
    public RegisteredLifetime LifetimeOf(INamedTypeSymbol type, CancellationToken cancellationToken = default)
    {
        var lifetimes = _lifetimes ??= Resolve(cancellationToken);
        var definition = type.OriginalDefinition;
        var lifetime = RegisteredLifetime.None;
        foreach (var pair in lifetimes)
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

    private Dictionary<ITypeSymbol, RegisteredLifetime> Resolve(CancellationToken cancellationToken)
    {
        var lifetimes = new Dictionary<ITypeSymbol, RegisteredLifetime>(SymbolEqualityComparer.Default);
        SemanticModel? model = null;
        foreach (var invocation in _candidates)
        {
            if (model?.SyntaxTree != invocation.SyntaxTree)
            {
#pragma warning disable RS1030 // Only the registration calls, once per compilation; the driver caches semantic models per tree.
                model = _compilation.GetSemanticModel(invocation.SyntaxTree);
#pragma warning restore RS1030
            }

            AddRegistered(lifetimes, model, invocation, cancellationToken);
        }

        return lifetimes;
    }

    /// <summary>
    /// Binds the registration call alone, speculatively at its own position: a registration method is often one of
    /// hundreds of calls in one long method, which a plain semantic model query would bind whole (with nullable
    /// analysis) unless that method's bound tree happens to be cached already.
    /// </summary>
    private static void AddRegistered(Dictionary<ITypeSymbol, RegisteredLifetime> lifetimes, SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        var name = NameOf(invocation)!;
        var lifetime = Classify(name.Identifier.ValueText)!.Value;
        var position = invocation.SpanStart;

        // A resolved method must come from the DI abstractions (or the hosting/HTTP extensions that register services).
        // A receiver typed IServiceCollection says so without resolving the call, which looks up extension methods in
        // every imported namespace and binds any lambda argument.
        if (!HasServiceCollectionReceiver(model, invocation, position)
            && model.GetSpeculativeSymbolInfo(position, invocation, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol method
            && method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) != true)
        {
            return;
        }

        if (name is GenericNameSyntax generic && generic.TypeArgumentList.Arguments.Count > 0)
        {
            Add(lifetimes, TypeOf(model, generic.TypeArgumentList.Arguments[generic.TypeArgumentList.Arguments.Count - 1], position), lifetime);
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case TypeOfExpressionSyntax typeOf:
                    Add(lifetimes, TypeOf(model, typeOf.Type, position), lifetime);
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    Add(lifetimes, CreatedType(model, creation, position, cancellationToken), lifetime);
                    break;
                case LambdaExpressionSyntax { ExpressionBody: BaseObjectCreationExpressionSyntax created }:
                    Add(lifetimes, CreatedType(model, created, position, cancellationToken), lifetime);
                    break;
            }
        }
    }

    /// <summary>
    /// <c>services.AddX(…)</c> or <c>builder.Services.AddX(…)</c> whose receiver is an <c>IServiceCollection</c>; a
    /// fluent chain is not bound here (its receiver is itself a call to resolve).
    /// </summary>
    private static bool HasServiceCollectionReceiver(SemanticModel model, InvocationExpressionSyntax invocation, int position)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax } } access
            || model.GetSpeculativeTypeInfo(position, access.Expression, SpeculativeBindingOption.BindAsExpression).Type is not INamedTypeSymbol type)
        {
            return false;
        }

        if (IsServiceCollection(type))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsServiceCollection(implemented))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsServiceCollection(INamedTypeSymbol type)
        => type is { Name: "IServiceCollection", TypeKind: TypeKind.Interface, ContainingNamespace: { Name: "DependencyInjection", ContainingNamespace: { Name: "Extensions", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } } } };

    private static ITypeSymbol? TypeOf(SemanticModel model, TypeSyntax type, int position)
        => model.GetSpeculativeTypeInfo(position, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;

    /// <summary>The type a creation names (<c>new Impl(…)</c>); a target-typed <c>new(…)</c> needs its context bound.</summary>
    private static ITypeSymbol? CreatedType(SemanticModel model, BaseObjectCreationExpressionSyntax creation, int position, CancellationToken cancellationToken)
        => creation is ObjectCreationExpressionSyntax { Type: { } type }
            ? TypeOf(model, type, position)
            : model.GetTypeInfo(creation, cancellationToken).Type;

    private static void Add(Dictionary<ITypeSymbol, RegisteredLifetime> lifetimes, ITypeSymbol? type, RegisteredLifetime lifetime)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class } named)
        {
            var definition = named.OriginalDefinition;
            lifetimes[definition] = lifetimes.TryGetValue(definition, out var existing) ? existing | lifetime : lifetime;
        }
    }

    private static SimpleNameSyntax? NameOf(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name,
        SimpleNameSyntax simple => simple,
        _ => null,
    };

    private static RegisteredLifetime? Classify(string name)
        => name switch
        {
            "AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton" or "AddHostedService" => RegisteredLifetime.Singleton,
            "AddScoped" or "TryAddScoped" or "AddKeyedScoped" or "TryAddKeyedScoped" => RegisteredLifetime.Scoped,
            "AddTransient" or "TryAddTransient" or "AddKeyedTransient" or "TryAddKeyedTransient" or "AddHttpClient" => RegisteredLifetime.Transient,
            _ => null,
        };
}
