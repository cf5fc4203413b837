using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The DI lifetimes of a few classes, found without binding every registration of the compilation: only the
/// registration calls whose syntax names one of the classes, or a class of the compilation derived from one of them
/// (a base class's fields live as long as the registered instance), are handed to <see cref="ServiceRegistrations"/>.
/// A large service registers hundreds of types; a rule that asks about two of them binds two or three calls.
/// </summary>
internal sealed class OwnerRegistrations
{
    private readonly ServiceRegistrations _registrations;

    private OwnerRegistrations(ServiceRegistrations registrations) => _registrations = registrations;

    public RegisteredLifetime LifetimeOf(INamedTypeSymbol type, CancellationToken cancellationToken)
        => _registrations.LifetimeOf(type, cancellationToken);

    /// <summary>
    /// The derived classes come from the compilation's own types (built by the compiler by now), not from reading the
    /// files. A registration method is an extension method of <c>Microsoft.Extensions.DependencyInjection</c>, so only a
    /// file that imports that namespace (or declares a namespace inside it) can call one unqualified: only those files'
    /// text is searched for the class names, and only the syntax around the places that say one is read.
    /// </summary>
    public static OwnerRegistrations Find(Compilation compilation, IEnumerable<INamedTypeSymbol> owners, CancellationToken cancellationToken)
    {
        var definitions = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var anyOpen = false;
        foreach (var owner in owners)
        {
            definitions.Add(owner.OriginalDefinition);
            names.Add(owner.Name);
            anyOpen |= !owner.IsSealed;
        }

        if (anyOpen)
        {
            AddDerived(compilation.Assembly, compilation.Assembly.GlobalNamespace, definitions, names, cancellationToken);
        }

        var registrations = new ServiceRegistrations(compilation);
        var calls = new HashSet<InvocationExpressionSyntax>();
        var files = CacheFiles.For(compilation);
        string[] searched = [.. names];
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!files.SeesRegistration(tree) || SourceTextSearch.PositionsInPlace(tree.GetText(cancellationToken), searched) is not { } positions)
            {
                continue;
            }

            var root = tree.GetRoot(cancellationToken);
            foreach (var position in positions)
            {
                var token = root.FindToken(position);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position) && names.Contains(token.ValueText))
                {
                    CollectCallsAround(token, calls, registrations);
                }
            }
        }

        return new OwnerRegistrations(registrations);
    }

    /// <summary>Adds the names of the classes of the compilation whose base classes include one of the owners.</summary>
    private static void AddDerived(IAssemblySymbol assembly, INamespaceOrTypeSymbol container, HashSet<INamedTypeSymbol> owners, HashSet<string> names, CancellationToken cancellationToken)
    {
        if (container is INamespaceSymbol @namespace)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var inner in @namespace.GetNamespaceMembers())
            {
                AddDerived(assembly, inner, owners, names, cancellationToken);
            }
        }

        foreach (var type in container.GetTypeMembers())
        {
            if (type.TypeKind == TypeKind.Class && DerivesFrom(assembly, type, owners))
            {
                names.Add(type.Name);
            }

            AddDerived(assembly, type, owners, names, cancellationToken);
        }
    }

    /// <summary>A class of another assembly cannot derive from one of this compilation: the walk stops there.</summary>
    private static bool DerivesFrom(IAssemblySymbol assembly, INamedTypeSymbol type, HashSet<INamedTypeSymbol> owners)
    {
        for (var current = type.BaseType; current is not null && SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, assembly); current = current.BaseType)
        {
            if (owners.Contains(current.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every call around the name, up to the member that holds it, is handed to the registrations (they keep the registration methods).</summary>
    private static void CollectCallsAround(SyntaxToken token, HashSet<InvocationExpressionSyntax> calls, ServiceRegistrations registrations)
    {
        for (var node = token.Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is InvocationExpressionSyntax invocation && calls.Add(invocation))
            {
                registrations.Collect(invocation);
            }
        }
    }
}
