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
/// The classes registered with Microsoft.Extensions.DependencyInjection by a few calls of one compilation, by their
/// simple names, read from the calls' syntax (<c>AddSingleton&lt;IService, Impl&gt;()</c>, <c>AddScoped&lt;Impl&gt;()</c>,
/// <c>TryAddTransient(typeof(I), typeof(Impl))</c>, <c>AddSingleton&lt;I&gt;(sp =&gt; new Impl(…))</c>,
/// <c>AddHostedService&lt;T&gt;()</c>, <c>AddHttpClient&lt;I, Impl&gt;()</c>), so that it also sees registrations whose DI
/// package is not restored. Binding a registration call is the expensive part (its receiver's type needs the binder of
/// the long method or lambda around it): a call is bound only when its receiver is not named as the service collection
/// (see <see cref="IsOnServices"/>); then a method resolved outside the DI and hosting extensions is ignored.
/// </summary>
internal sealed class ServiceRegistrations
{
    private readonly List<InvocationExpressionSyntax> _candidates = [];
    private readonly Dictionary<string, RegisteredLifetime> _lifetimes = new(StringComparer.Ordinal);
    private readonly Compilation _compilation;
    private int _resolved;

    /// <summary>The calls are handed in by the caller (<see cref="Collect"/>), which finds them where it needs them.</summary>
    public ServiceRegistrations(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// Keeps the call when its name is a registration method's. The calls are read only when a rule asks for a
    /// lifetime at the end of the compilation, which most compilations never do; calls kept after a question are read
    /// at the next one.
    /// </summary>
    public void Collect(InvocationExpressionSyntax invocation)
    {
        if (NameOf(invocation) is { } name && Classify(name.Identifier.ValueText) is not null)
        {
            _candidates.Add(invocation);
        }
    }

    /// <summary>The lifetimes the kept calls register a class of this simple name with. Call only from a compilation end action.</summary>
    public RegisteredLifetime LifetimeOf(string typeName, CancellationToken cancellationToken = default)
    {
        ResolvePending(cancellationToken);
        return _lifetimes.TryGetValue(typeName, out var lifetime) ? lifetime : RegisteredLifetime.None;
    }

    private void ResolvePending(CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        for (; _resolved < _candidates.Count; _resolved++)
        {
            var invocation = _candidates[_resolved];
            var name = NameOf(invocation)!;
            var lifetime = Classify(name.Identifier.ValueText)!.Value;
            if (IsOnServices(invocation))
            {
                AddNamed(_lifetimes, invocation, name, lifetime);
                continue;
            }

            if (model?.SyntaxTree != invocation.SyntaxTree)
            {
#pragma warning disable RS1030 // Only the registration calls on a receiver not named as the service collection; the driver caches semantic models per tree.
                model = _compilation.GetSemanticModel(invocation.SyntaxTree);
#pragma warning restore RS1030
            }

            AddRegistered(_lifetimes, model, invocation, name, lifetime, cancellationToken);
        }
    }

    /// <summary>
    /// <c>services.AddX(…)</c>, <c>builder.Services.AddX(…)</c>, or a call chained on one: the receiver's name says it is
    /// the service collection, which is how registrations are written nearly everywhere. Any other receiver (a builder of
    /// another library can have a method of the same name) is bound.
    /// </summary>
    private static bool IsOnServices(InvocationExpressionSyntax invocation)
    {
        for (var receiver = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression; receiver is not null;)
        {
            switch (receiver)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText.EndsWith("services", StringComparison.OrdinalIgnoreCase);
                case MemberAccessExpressionSyntax access:
                    return access.Name.Identifier.ValueText == "Services";
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax chained } call when NameOf(call) is { } name && Classify(name.Identifier.ValueText) is not null:
                    receiver = chained.Expression;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Where a registration names its implementation: the last type argument, a <c>typeof</c>'s type, a creation
    /// (an argument, or a lambda's body): a <see cref="TypeSyntax"/> or a <see cref="BaseObjectCreationExpressionSyntax"/>.
    /// </summary>
    private static IEnumerable<SyntaxNode> Implementations(InvocationExpressionSyntax invocation, SimpleNameSyntax name)
    {
        if (name is GenericNameSyntax generic && generic.TypeArgumentList.Arguments.Count > 0)
        {
            yield return generic.TypeArgumentList.Arguments[generic.TypeArgumentList.Arguments.Count - 1];
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case TypeOfExpressionSyntax typeOf:
                    yield return typeOf.Type;
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    yield return creation;
                    break;
                case LambdaExpressionSyntax { ExpressionBody: BaseObjectCreationExpressionSyntax created }:
                    yield return created;
                    break;
            }
        }
    }

    /// <summary>The classes a call names as its implementation, by the names its syntax says (a target-typed <c>new(…)</c> says none).</summary>
    private static void AddNamed(Dictionary<string, RegisteredLifetime> lifetimes, InvocationExpressionSyntax invocation, SimpleNameSyntax name, RegisteredLifetime lifetime)
    {
        foreach (var implementation in Implementations(invocation, name))
        {
            var type = implementation as TypeSyntax ?? (implementation as ObjectCreationExpressionSyntax)?.Type;
            if (type is not null)
            {
                Add(lifetimes, SimpleName(type), lifetime);
            }
        }
    }

    /// <summary>The name a type's syntax ends with (<c>Ns.Impl</c>, <c>Impl&lt;T&gt;</c>: <c>Impl</c>).</summary>
    private static string? SimpleName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// Binds the registration call alone, speculatively at its own position: a registration method is often one of
    /// hundreds of calls in one long method, which a plain semantic model query would bind whole (with nullable
    /// analysis) unless that method's bound tree happens to be cached already.
    /// </summary>
    private static void AddRegistered(Dictionary<string, RegisteredLifetime> lifetimes, SemanticModel model, InvocationExpressionSyntax invocation, SimpleNameSyntax name, RegisteredLifetime lifetime, CancellationToken cancellationToken)
    {
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

        foreach (var implementation in Implementations(invocation, name))
        {
            var type = implementation is TypeSyntax typeSyntax
                ? TypeOf(model, typeSyntax, position)
                : CreatedType(model, (BaseObjectCreationExpressionSyntax)implementation, position, cancellationToken);
            Add(lifetimes, type, lifetime);
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

    private static void Add(Dictionary<string, RegisteredLifetime> lifetimes, ITypeSymbol? type, RegisteredLifetime lifetime)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class } named)
        {
            Add(lifetimes, named.Name, lifetime);
        }
    }

    private static void Add(Dictionary<string, RegisteredLifetime> lifetimes, string? typeName, RegisteredLifetime lifetime)
    {
        if (typeName is not null)
        {
            lifetimes[typeName] = lifetimes.TryGetValue(typeName, out var existing) ? existing | lifetime : lifetime;
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
