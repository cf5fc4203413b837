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
/// A large service registers hundreds of types; a rule that asks about two of them binds two or three calls. Each file's
/// text is searched once for the class names, and only the syntax around the places that say one is read.
/// </summary>
internal sealed class OwnerRegistrations
{
    private const int DerivedLevels = 3;

    private readonly ServiceRegistrations _registrations;

    private OwnerRegistrations(ServiceRegistrations registrations) => _registrations = registrations;

    public RegisteredLifetime LifetimeOf(INamedTypeSymbol type, CancellationToken cancellationToken)
        => _registrations.LifetimeOf(type, cancellationToken);

    public static OwnerRegistrations Find(Compilation compilation, IEnumerable<INamedTypeSymbol> owners, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            names.Add(owner.Name);
        }

        var registrations = new ServiceRegistrations(compilation);
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
                        OnName(token, names, derived, calls, registrations, level < DerivedLevels);
                    }
                }
            }

            searched = [.. derived];
        }

        return new OwnerRegistrations(registrations);
    }

    /// <summary>
    /// Every call around the name is handed to the registrations (they keep the registration methods); a class whose
    /// base list names the class itself (not as a type argument: <c>IFactory&lt;Owner&gt;</c>) is derived from it.
    /// </summary>
    private static void OnName(SyntaxToken token, HashSet<string> names, List<string> derived, HashSet<InvocationExpressionSyntax> calls, ServiceRegistrations registrations, bool findDerived)
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
                    if (findDerived && !inTypeArguments && names.Add(declaration.Identifier.ValueText))
                    {
                        derived.Add(declaration.Identifier.ValueText);
                    }

                    return;
                case BaseTypeDeclarationSyntax:
                    return;
            }
        }
    }
}
