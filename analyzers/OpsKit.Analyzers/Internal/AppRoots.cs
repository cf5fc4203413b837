using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The types whose code composes the app: the top-level program, a type with Main or another static method that
/// takes the command line, a convention-based Startup class that is handed to UseStartup, and in a library the
/// static classes with extension methods on the app. Every other type is skipped before any operation callback.
/// </summary>
internal sealed class AppRoots
{
    private readonly Compilation _compilation;
    private readonly AppTypes _app;
    private readonly INamedTypeSymbol _applicationBuilder;
    private readonly Lazy<bool> _usesStartupClass;
    private readonly Lazy<HashSet<INamedTypeSymbol>?> _mainTypes;

    public AppRoots(Compilation compilation, AppTypes app, INamedTypeSymbol applicationBuilder)
    {
        _compilation = compilation;
        _app = app;
        _applicationBuilder = applicationBuilder;
        _usesStartupClass = new Lazy<bool>(MentionsUseStartup);

        // The types that declare a member named Main, from the declaration table's names: then no type's member names
        // are asked for one by one. Most apps have top-level statements and no member named Main at all. Asked on first
        // use only: the search visits every type declaration (1–1.5 ms in a library of 2,000 types, measured), and in a
        // library no rule asks for an entry point.
        _mainTypes = new Lazy<HashSet<INamedTypeSymbol>?>(
            () => compilation.ContainsSymbolsWithName("Main", SymbolFilter.Member) ? MainTypes(compilation) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Some file hands a Startup class to UseStartup; otherwise a Startup class is a leftover.</summary>
    public bool UsesStartupClass => _usesStartupClass.Value;

    /// <summary>
    /// The top-level program, a type with a static Main, or a static class with a static method taking
    /// <c>string[] args</c> (a second app started from Main). Decided from the declarations' names first, so that the
    /// members of every other type of the compilation are not built for this rule.
    /// </summary>
    public bool HasEntryPoint(INamedTypeSymbol type, TypeShape shape)
    {
        if (!shape.MayHaveEntryPoint && !type.IsImplicitlyDeclared && type.Name != "Program" && _mainTypes.Value?.Contains(type) != true)
        {
            return false;
        }

        foreach (var member in type.GetMembers(WellKnownMemberNames.TopLevelStatementsEntryPointMethodName))
        {
            if (member is IMethodSymbol)
            {
                return true;
            }
        }

        // Main, or a static method that takes the command line (a second app started from Main: Start(string[] args)).
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary } method
                && (method.Name == "Main" || (method.Parameters.Length == 1 && method.Parameters[0].Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String })))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<INamedTypeSymbol> MainTypes(Compilation compilation)
    {
        var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var member in compilation.GetSymbolsWithName("Main", SymbolFilter.Member))
        {
            if (member.ContainingType is { } type)
            {
                types.Add(type);
            }
        }

        return types; // read concurrently, never written after this
    }

    /// <summary>
    /// Reads a static class's declarations once, as syntax: may it start an app (a static method with one array
    /// parameter), and does a method of it take the app by the name of the app's type (or a route builder's)? A method
    /// taking the app through a type this misses (an alias, a type parameter) is bound when the app is handed to it.
    /// </summary>
    public static TypeShape ReadShape(INamedTypeSymbol type)
    {
        var mayHaveEntryPoint = false;
        var takesApp = false;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                mayHaveEntryPoint = true;
                continue;
            }

            foreach (var member in declaration.Members)
            {
                if (member is not MethodDeclarationSyntax method)
                {
                    continue;
                }

                var parameters = method.ParameterList.Parameters;
                mayHaveEntryPoint |= parameters.Count == 1 && parameters[0].Type is ArrayTypeSyntax;
                foreach (var parameter in parameters)
                {
                    takesApp |= parameter.Type is { } parameterType && NamesAppType(parameterType);
                }
            }
        }

        return new TypeShape(mayHaveEntryPoint, takesApp);
    }

    private static bool NamesAppType(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText is "WebApplication" or "IApplicationBuilder" or "IEndpointRouteBuilder"
            or "IHost" or "ApplicationBuilder" or "RouteGroupBuilder",
        QualifiedNameSyntax qualified => NamesAppType(qualified.Right),
        AliasQualifiedNameSyntax aliased => NamesAppType(aliased.Name),
        NullableTypeSyntax nullable => NamesAppType(nullable.ElementType),
        _ => false,
    };

    /// <summary>A static class with an extension method on the app (MapDefaultEndpoints in a ServiceDefaults project).</summary>
    public bool ExtendsApp(INamedTypeSymbol type, TypeShape shape)
    {
        if (!type.IsStatic || !type.MightContainExtensionMethods || !shape.TakesApp)
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsExtensionMethod: true } method && _app.IsApp(method.Parameters[0].Type))
            {
                return true;
            }
        }

        return false;
    }

    public Location? FindStartupConfigure(INamedTypeSymbol type)
    {
        // Convention-based Startup classes (StartupFacts in ASP.NET Core). The name is required: a module class
        // with Configure(IApplicationBuilder) that builds only part of the pipeline must not be taken for the app.
        if (!type.Name.EndsWith("Startup", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var member in type.GetMembers("Configure"))
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && !method.IsImplicitlyDeclared && method.Locations.Length > 0)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (SymbolEqualityComparer.Default.Equals(parameter.Type, _applicationBuilder))
                    {
                        return method.Locations[0];
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether any file names UseStartup: the entry point's files first (where it almost always is), then the rest.
    /// Runs at most once per compilation, and only in a project with a Startup class.
    /// </summary>
    private bool MentionsUseStartup()
    {
        var entryPoint = _compilation.GetEntryPoint(CancellationToken.None);
        if (entryPoint?.ContainingType is { } entryType)
        {
            foreach (var reference in entryType.DeclaringSyntaxReferences)
            {
                if (Mentions(reference.SyntaxTree))
                {
                    return true;
                }
            }
        }

        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (Mentions(tree))
            {
                return true;
            }
        }

        return false;

        static bool Mentions(SyntaxTree tree) => SourceTextSearch.IndexOf(tree.GetText(), "UseStartup") >= 0;
    }
}
