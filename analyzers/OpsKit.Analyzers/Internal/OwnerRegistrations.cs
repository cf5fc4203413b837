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
/// A large service registers hundreds of types; a rule that asks about two of them binds two or three calls. The
/// derived classes are found from the base lists of the classes the files declare (a walk over namespaces' and types'
/// member lists, never a member's body); then each file's text is searched once for all the names, and only the syntax
/// around the places that say one is read.
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

        AddDerived(compilation, names, cancellationToken);
        var registrations = new ServiceRegistrations(compilation);
        var calls = new HashSet<InvocationExpressionSyntax>();
        string[] searched = [.. names];
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
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position) && names.Contains(token.ValueText))
                {
                    OnName(token, calls, registrations);
                }
            }
        }

        return new OwnerRegistrations(registrations);
    }

    /// <summary>Every registration call around the name is handed to the registrations.</summary>
    private static void OnName(SyntaxToken token, HashSet<InvocationExpressionSyntax> calls, ServiceRegistrations registrations)
    {
        for (var node = token.Parent; node is not null and not BaseTypeDeclarationSyntax; node = node.Parent)
        {
            if (node is InvocationExpressionSyntax invocation && calls.Add(invocation))
            {
                registrations.Collect(invocation);
            }
        }
    }

    /// <summary>
    /// Adds the classes whose base list names one of the names, a few levels deep (a class derived from one already
    /// named counts in the next round).
    /// </summary>
    private static void AddDerived(Compilation compilation, HashSet<string> names, CancellationToken cancellationToken)
    {
        var classes = new List<ClassDeclarationSyntax>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
            {
                AddClassesWithBases(unit.Members, classes);
            }
        }

        var named = new List<string>(names);
        for (var level = 0; level < DerivedLevels && named.Count > 0; level++)
        {
            var derived = new List<string>();
            foreach (var declaration in classes)
            {
                if (NamesAny(declaration.BaseList!, named) && names.Add(declaration.Identifier.ValueText))
                {
                    derived.Add(declaration.Identifier.ValueText);
                }
            }

            named = derived;
        }
    }

    private static void AddClassesWithBases(SyntaxList<MemberDeclarationSyntax> members, List<ClassDeclarationSyntax> classes)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case ClassDeclarationSyntax { BaseList: not null } declaration:
                    classes.Add(declaration);
                    AddClassesWithBases(declaration.Members, classes);
                    break;
                case TypeDeclarationSyntax type:
                    AddClassesWithBases(type.Members, classes);
                    break;
                case BaseNamespaceDeclarationSyntax @namespace:
                    AddClassesWithBases(@namespace.Members, classes);
                    break;
            }
        }
    }

    private static bool NamesAny(BaseListSyntax baseList, List<string> names)
    {
        foreach (var token in baseList.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }
}
