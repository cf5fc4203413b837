using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The DI lifetimes of a few classes, found without reading every registration of the compilation: only the
/// registration calls whose syntax names one of the classes, or a class of the compilation derived from one of them
/// (a base class's fields live as long as the registered instance), are handed to <see cref="ServiceRegistrations"/>.
/// A large service registers hundreds of types; a rule that asks about two of them reads two or three calls. Only the
/// files that can call the registration methods (<see cref="FileImports"/>) are searched for the classes' registrations.
/// The classes derived from one that is not already a singleton are found where a base list names it (the symbol of
/// each such declaration then says whether it really derives from the class), in every hand-written file, generation
/// by generation; each generation's names are searched for registrations in the same pass. Reading every type's base
/// types instead averaged 4.4 ms a run in a library of 2,000 types (0.5–1.2 ms, and 10–25 ms in about one run of
/// three), against 2.7 ms in every run for the search (docs/analyzers.md). A derived class whose base list names the
/// class through an alias is not found. Classes are matched by their simple names, as the registrations' syntax names
/// them.
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

    /// <summary>Call only from a compilation end action, when every registration and derived class has been declared.</summary>
    public static OwnerRegistrations Find(Compilation compilation, IEnumerable<INamedTypeSymbol> owners, AnalyzerOptions options, CancellationToken cancellationToken)
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
        var search = new NameSearch(compilation, registrations, options);
        var heirs = search.Run(OwnNames(families), FileKind.Registering, cancellationToken);

        // A class registered as a singleton lives as long as the process whatever derives from it: only the others,
        // when a class can derive from them, need their derived classes found.
        var open = new Dictionary<INamedTypeSymbol, List<string>>(SymbolEqualityComparer.Default);
        var openNames = new List<string>();
        foreach (var pair in families)
        {
            if (pair.Key is { IsSealed: false, IsStatic: false } owner && (registrations.LifetimeOf(owner.Name, cancellationToken) & RegisteredLifetime.Singleton) == 0)
            {
                open.Add(owner, pair.Value);
                openNames.Add(owner.Name);
            }
        }

        if (open.Count > 0)
        {
            // A derived class names its base in its base list: the files that were not searched yet are searched for the
            // open owners' names, then every file for each generation of derived classes' names (which also finds the
            // registrations that name them), until a generation has no heirs.
            heirs.AddRange(search.Run([.. openNames], FileKind.Others, cancellationToken));
            for (var names = AddHeirs(compilation, heirs, open, cancellationToken); names.Count > 0; names = AddHeirs(compilation, heirs, open, cancellationToken))
            {
                heirs = search.Run([.. names], FileKind.All, cancellationToken);
            }
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

    /// <summary>
    /// Adds to the open owners' families the classes among <paramref name="heirs"/> that derive from one of them (at any
    /// depth, within the compilation); returns the names added.
    /// </summary>
    private static HashSet<string> AddHeirs(Compilation compilation, List<TypeDeclarationSyntax> heirs, Dictionary<INamedTypeSymbol, List<string>> open, CancellationToken cancellationToken)
    {
        var added = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var declaration in heirs)
        {
#pragma warning disable RS1030 // Only the files whose base lists name an owner; the driver caches semantic models per tree.
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { TypeKind: TypeKind.Class } type)
            {
                continue;
            }

            for (var baseType = type.BaseType; baseType is not null && SymbolEqualityComparer.Default.Equals(baseType.ContainingAssembly, compilation.Assembly); baseType = baseType.BaseType)
            {
                if (open.TryGetValue(baseType.OriginalDefinition, out var family) && !family.Contains(type.Name))
                {
                    family.Add(type.Name);
                    added.Add(type.Name);
                }
            }
        }

        return added;
    }

    private enum FileKind
    {
        Registering,
        Others,
        All,
    }

    /// <summary>
    /// Searches files for names: hands every call around a place that says one, in a file that can call the
    /// registration methods, to the registrations (they keep the registration methods; a call is handed over once), and
    /// returns the type declarations whose base lists say one. Generated files that cannot register are not searched.
    /// </summary>
    private sealed class NameSearch(Compilation compilation, ServiceRegistrations registrations, AnalyzerOptions options)
    {
        private readonly HashSet<InvocationExpressionSyntax> _calls = [];

        public List<TypeDeclarationSyntax> Run(string[] names, FileKind files, CancellationToken cancellationToken)
        {
            var heirs = new List<TypeDeclarationSyntax>();
            var imports = FileImports.For(compilation);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var registering = imports.SeesRegistration(tree);
                if (registering ? files == FileKind.Others : files == FileKind.Registering)
                {
                    continue;
                }

                var text = tree.GetText(cancellationToken);
                if ((!registering && GeneratedCode.IsLongAndGenerated(tree, text, options, cancellationToken))
                    || SourceTextSearch.PositionsInPlace(text, names) is not { } positions)
                {
                    continue;
                }

                var root = tree.GetRoot(cancellationToken);
                foreach (var position in positions)
                {
                    if (SourceTextSearch.IsIdentifierPart(text, position - 1))
                    {
                        continue; // inside a longer name (ITaxService for TaxService): no need to walk the tree to it
                    }

                    var token = root.FindToken(position);
                    if (!token.IsKind(SyntaxKind.IdentifierToken) || !token.Span.Contains(position) || System.Array.IndexOf(names, token.ValueText) < 0)
                    {
                        continue;
                    }

                    if (HeirNaming(token) is { } heir)
                    {
                        heirs.Add(heir);
                    }
                    else if (registering)
                    {
                        CollectCallsAround(token);
                    }
                }
            }

            return heirs;
        }

        /// <summary>The type whose base list the token names a base type in (<c>class Heir : Owner</c>), or null.</summary>
        private static TypeDeclarationSyntax? HeirNaming(SyntaxToken token)
        {
            SyntaxNode? node = token.Parent;
            while (node?.Parent is QualifiedNameSyntax qualified && qualified.Right == node
                || node?.Parent is AliasQualifiedNameSyntax aliasQualified && aliasQualified.Name == node)
            {
                node = node.Parent;
            }

            return node?.Parent is BaseTypeSyntax { Parent: BaseListSyntax { Parent: TypeDeclarationSyntax heir } } baseType && baseType.Type == node ? heir : null;
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
