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
    private static readonly string[] RegistrationWords = ["Singleton", "Scoped", "Transient", "AddHostedService", "AddHttpClient"];

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

        AddDerivedTypeNames(compilation, names, cancellationToken);

        var registrations = new ServiceRegistrations(compilation);
        var registrationMentions = new TreeMentions(wholeWord: false, RegistrationWords);
        var nameMentions = new TreeMentions(wholeWord: true, [.. names]);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!nameMentions.In(tree, cancellationToken) || !registrationMentions.In(tree, cancellationToken))
            {
                continue;
            }

            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && NamesAny(invocation, names))
                {
                    registrations.Collect(invocation);
                }
            }
        }

        return new OwnerRegistrations(registrations);
    }

    /// <summary>Adds the names of the classes whose base list names one of <paramref name="names"/>, a few levels deep.</summary>
    private static void AddDerivedTypeNames(Compilation compilation, HashSet<string> names, CancellationToken cancellationToken)
    {
        for (var level = 0; level < 3; level++)
        {
            var added = new List<string>();
            var mentions = new TreeMentions(wholeWord: true, [.. names]);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!mentions.In(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    if (node is ClassDeclarationSyntax { BaseList: { } baseList } declaration
                        && !names.Contains(declaration.Identifier.ValueText)
                        && NamesAny(baseList, names))
                    {
                        added.Add(declaration.Identifier.ValueText);
                    }
                }
            }

            if (added.Count == 0)
            {
                return;
            }

            names.UnionWith(added);
        }
    }

    private static bool NamesAny(SyntaxNode node, HashSet<string> names)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }
}
