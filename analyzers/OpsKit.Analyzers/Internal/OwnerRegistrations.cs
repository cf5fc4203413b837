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
/// A large service registers hundreds of types; a rule that asks about two of them reads two or three calls. Each file's
/// text is searched once for the class names, and only the syntax around the places that say one is read. Classes are
/// matched by their simple names, as the registrations' syntax names them.
/// </summary>
internal sealed class OwnerRegistrations
{
    private const int DerivedLevels = 3;

    private readonly ServiceRegistrations _registrations;
    private readonly Dictionary<string, List<string>> _derived;

    private OwnerRegistrations(ServiceRegistrations registrations, Dictionary<string, List<string>> derived)
    {
        _registrations = registrations;
        _derived = derived;
    }

    /// <summary>The lifetimes the class, or a class derived from it, is registered with.</summary>
    public RegisteredLifetime LifetimeOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var lifetime = RegisteredLifetime.None;
        var family = new List<string> { type.Name };
        for (var i = 0; i < family.Count; i++)
        {
            lifetime |= _registrations.LifetimeOf(family[i], cancellationToken);
            if (_derived.TryGetValue(family[i], out var derived))
            {
                foreach (var name in derived)
                {
                    if (!family.Contains(name))
                    {
                        family.Add(name);
                    }
                }
            }
        }

        return lifetime;
    }

    public static OwnerRegistrations Find(Compilation compilation, IEnumerable<INamedTypeSymbol> owners, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            names.Add(owner.Name);
        }

        var registrations = new ServiceRegistrations(compilation);
        var derivedByBase = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
        var calls = new HashSet<InvocationExpressionSyntax>();
        string[] searched = [.. names];
        for (var level = 0; level <= DerivedLevels && searched.Length > 0; level++)
        {
            // A class derived from one already named is searched for in the next round, a few levels deep.
            var derived = new List<string>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (SourceTextSearch.PositionsInPlace(tree.GetText(cancellationToken), searched) is not { } positions)
                {
                    continue;
                }

                var root = tree.GetRoot(cancellationToken);
                foreach (var position in positions)
                {
                    var token = root.FindToken(position);
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position) && System.Array.IndexOf(searched, token.ValueText) >= 0)
                    {
                        OnName(token, names, derived, derivedByBase, calls, registrations, level < DerivedLevels);
                    }
                }
            }

            searched = [.. derived];
        }

        return new OwnerRegistrations(registrations, derivedByBase);
    }

    /// <summary>
    /// Every call around the name is handed to the registrations (they keep the registration methods); a class whose
    /// base list names the class itself (not as a type argument: <c>IFactory&lt;Owner&gt;</c>) is derived from it.
    /// </summary>
    private static void OnName(SyntaxToken token, HashSet<string> names, List<string> derived, Dictionary<string, List<string>> derivedByBase, HashSet<InvocationExpressionSyntax> calls, ServiceRegistrations registrations, bool findDerived)
    {
        var inTypeArguments = false;
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    if (calls.Add(invocation))
                    {
                        registrations.Collect(invocation);
                    }

                    break;
                case TypeArgumentListSyntax:
                    inTypeArguments = true;
                    break;
                case BaseListSyntax { Parent: ClassDeclarationSyntax declaration }:
                    if (findDerived && !inTypeArguments)
                    {
                        var name = declaration.Identifier.ValueText;
                        if (!derivedByBase.TryGetValue(token.ValueText, out var classes))
                        {
                            derivedByBase.Add(token.ValueText, classes = []);
                        }

                        classes.Add(name);
                        if (names.Add(name))
                        {
                            derived.Add(name); // searched for in the next round
                        }
                    }

                    return;
                case BaseTypeDeclarationSyntax:
                    return;
            }
        }
    }
}
