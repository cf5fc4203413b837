using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The DI lifetimes of a few classes, found without reading every registration of the compilation: only the
/// registration calls whose syntax names one of the classes, or a class of the compilation derived from one of them
/// (a base class's fields live as long as the registered instance), are handed to <see cref="ServiceRegistrations"/>.
/// A large service registers hundreds of types; a rule that asks about two of them reads two or three calls. Only the
/// files that can call the registration methods (<see cref="FileImports"/>) are searched for the classes' names; the
/// classes derived from one that is not already a singleton are found among the compilation's types (asked only at the
/// end of a compilation, when every type is complete) and searched for in a second pass over the same files. Classes
/// are matched by their simple names, as the registrations' syntax names them.
/// </summary>
internal sealed class OwnerRegistrations
{
    private readonly ServiceRegistrations _registrations;
    private readonly Dictionary<INamedTypeSymbol, List<string>> _families;

    private OwnerRegistrations(ServiceRegistrations registrations, Dictionary<INamedTypeSymbol, List<string>> families)
    {
        _registrations = registrations;
        _families = families;
    }

    /// <summary>The lifetimes the class, or a class derived from it, is registered with.</summary>
    public RegisteredLifetime LifetimeOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (!_families.TryGetValue(type, out var family))
        {
            return _registrations.LifetimeOf(type.Name, cancellationToken);
        }

        var lifetime = RegisteredLifetime.None;
        foreach (var name in family)
        {
            lifetime |= _registrations.LifetimeOf(name, cancellationToken);
        }

        return lifetime;
    }

    /// <summary>Call only from a compilation end action (the derived classes are read from complete symbols).</summary>
    public static OwnerRegistrations Find(Compilation compilation, IEnumerable<INamedTypeSymbol> owners, CancellationToken cancellationToken)
    {
        var families = new Dictionary<INamedTypeSymbol, List<string>>(SymbolEqualityComparer.Default);
        foreach (var owner in owners)
        {
            if (!families.ContainsKey(owner))
            {
                families.Add(owner, [owner.Name]);
            }
        }

        var registrations = new ServiceRegistrations(compilation);
        var search = new RegistrationSearch(compilation, registrations);
        search.Run(OwnNames(families), cancellationToken);

        // A class registered as a singleton lives as long as the process whatever derives from it: only the others,
        // when a class can derive from them, need the compilation's types read for the classes that do.
        var open = new List<INamedTypeSymbol>();
        foreach (var owner in families.Keys)
        {
            if (owner is { IsSealed: false, IsStatic: false } && (registrations.LifetimeOf(owner.Name, cancellationToken) & RegisteredLifetime.Singleton) == 0)
            {
                open.Add(owner);
            }
        }

        if (open.Count > 0 && AddDerived(compilation, open, families, cancellationToken) is { Count: > 0 } derived)
        {
            search.Run([.. derived], cancellationToken);
        }

        return new OwnerRegistrations(registrations, families);
    }

    private static string[] OwnNames(Dictionary<INamedTypeSymbol, List<string>> families)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var family in families.Values)
        {
            names.Add(family[0]);
        }

        return [.. names];
    }

    /// <summary>Adds the compilation's classes derived from the open owners, at any depth; returns their names.</summary>
    private static HashSet<string> AddDerived(Compilation compilation, List<INamedTypeSymbol> open, Dictionary<INamedTypeSymbol, List<string>> families, CancellationToken cancellationToken)
    {
        var openFamilies = new Dictionary<INamedTypeSymbol, List<string>>(SymbolEqualityComparer.Default);
        foreach (var owner in open)
        {
            openFamilies.Add(owner, families[owner]);
        }

        var derived = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (pending.Pop())
            {
                case INamespaceSymbol @namespace:
                    foreach (var member in @namespace.GetMembers())
                    {
                        pending.Push(member);
                    }

                    break;
                case INamedTypeSymbol type:
                    AddToFamilies(type, openFamilies, compilation.Assembly, derived);
                    foreach (var nested in type.GetTypeMembers())
                    {
                        pending.Push(nested);
                    }

                    break;
            }
        }

        return derived;
    }

    private static void AddToFamilies(INamedTypeSymbol type, Dictionary<INamedTypeSymbol, List<string>> families, IAssemblySymbol assembly, HashSet<string> derived)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return;
        }

        for (var baseType = type.BaseType; baseType is not null && SymbolEqualityComparer.Default.Equals(baseType.ContainingAssembly, assembly); baseType = baseType.BaseType)
        {
            if (families.TryGetValue(baseType.OriginalDefinition, out var family) && !family.Contains(type.Name))
            {
                family.Add(type.Name);
                derived.Add(type.Name);
            }
        }
    }

    /// <summary>
    /// Searches the files that can call the registration methods for names, and hands every call around a place that
    /// says one to the registrations (they keep the registration methods). A call is handed over once.
    /// </summary>
    private sealed class RegistrationSearch(Compilation compilation, ServiceRegistrations registrations)
    {
        private readonly HashSet<InvocationExpressionSyntax> _calls = [];

        public void Run(string[] names, CancellationToken cancellationToken)
        {
            var imports = FileImports.For(compilation);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!imports.SeesRegistration(tree) || SourceTextSearch.PositionsInPlace(tree.GetText(cancellationToken), names) is not { } positions)
                {
                    continue;
                }

                var root = tree.GetRoot(cancellationToken);
                foreach (var position in positions)
                {
                    var token = root.FindToken(position);
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position) && System.Array.IndexOf(names, token.ValueText) >= 0)
                    {
                        CollectCallsAround(token);
                    }
                }
            }
        }

        private void CollectCallsAround(SyntaxToken token)
        {
            for (var node = token.Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
            {
                if (node is InvocationExpressionSyntax invocation && _calls.Add(invocation))
                {
                    registrations.Collect(invocation);
                }
            }
        }
    }
}
