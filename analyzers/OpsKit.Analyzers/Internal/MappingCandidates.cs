using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Proves from syntax and declared names alone that a method body of this compilation cannot map a health endpoint,
/// so that <see cref="AppCallClassifier"/> never binds it (binding a body binds all of it, with nullable analysis,
/// on the rule's clock). A body may map when it calls a method whose name maps or sounds like a probe, a Map… method
/// with a route that may name a probe, a method of this compilation that may map in turn, a method of another project
/// of the solution whose body maps, a method of a referenced assembly that reaches a health-check assembly, or hands
/// an argument that may be the app to a constructor. Anything this cannot read is taken as "may map", so the answer
/// is the classifier's as long as this says no only where binding would have found nothing.
/// </summary>
internal sealed class MappingCandidates
{
    private const int MaxDepth = 4;

    private readonly Compilation _compilation;
    private readonly Func<SyntaxTree, bool> _hasConfiguredMappings;
    private readonly Func<IMethodSymbol, bool> _hasMapsAttribute;
    private readonly Func<IAssemblySymbol, bool> _reachesHealthChecks;
    private readonly ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);
    private readonly Lazy<ImmutableArray<Func<string, bool>>> _referencedDeclarers;

    /// <param name="compilation">The compilation whose bodies are read.</param>
    /// <param name="hasConfiguredMappings">Whether a file sets the mapping method options (then its bodies are bound).</param>
    /// <param name="hasMapsAttribute">Whether a method is marked as mapping health endpoints.</param>
    /// <param name="reachesHealthChecks">Whether a referenced assembly references a health-check assembly.</param>
    public MappingCandidates(Compilation compilation, Func<SyntaxTree, bool> hasConfiguredMappings, Func<IMethodSymbol, bool> hasMapsAttribute, Func<IAssemblySymbol, bool> reachesHealthChecks)
    {
        _compilation = compilation;
        _hasConfiguredMappings = hasConfiguredMappings;
        _hasMapsAttribute = hasMapsAttribute;
        _reachesHealthChecks = reachesHealthChecks;
        _referencedDeclarers = new Lazy<ImmutableArray<Func<string, bool>>>(CollectReferencedDeclarers);
    }

    /// <summary>False only when no call or construction in the method's body can lead to a health endpoint.</summary>
    public bool MayMap(IMethodSymbol method, CancellationToken cancellationToken) => MayMap(method, depth: 0, cancellationToken);

    private bool MayMap(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth || method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.IsDefaultOrEmpty)
        {
            return true;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (_hasConfiguredMappings(syntax.SyntaxTree) || syntax is MethodDeclarationSyntax { Body: null, ExpressionBody: null })
            {
                return true;
            }

            foreach (var node in syntax.DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when MayMatter(invocation, depth, cancellationToken):
                    case BaseObjectCreationExpressionSyntax { ArgumentList: { } arguments } when MayPassApp(arguments):
                        return true;
                }
            }
        }

        return false;
    }

    private bool MayMatter(InvocationExpressionSyntax invocation, int depth, CancellationToken cancellationToken)
    {
        var name = invocation.GetInvokedName();
        if (name.Length == 0
            || HealthEndpointSymbols.IsMappingName(name)
            || name == AppCallClassifier.AspireDefaultEndpoints
            || KnownAssemblies.SoundsLikeHealth(name)
            || (name.StartsWith("Map", StringComparison.Ordinal) && MayNameProbeRoute(invocation.ArgumentList)))
        {
            return true;
        }

        if (_names.TryGetValue(name, out var matters))
        {
            return matters;
        }

        matters = DeclaredHereMayMap(name, depth, cancellationToken) || DeclaredElsewhere(name);
        return depth == 0 ? _names.GetOrAdd(name, matters) : matters;
    }

    /// <summary>A member of this compilation with that name that may map (every overload counts, whatever the call binds to).</summary>
    private bool DeclaredHereMayMap(string name, int depth, CancellationToken cancellationToken)
    {
        if (!_compilation.ContainsSymbolsWithName(name, SymbolFilter.Member, cancellationToken))
        {
            return false;
        }

        foreach (var symbol in _compilation.GetSymbolsWithName(name, SymbolFilter.Member, cancellationToken))
        {
            if (symbol is not IMethodSymbol method || _hasMapsAttribute(method) || MayMap(method, depth + 1, cancellationToken))
            {
                return true; // a delegate field or property is invoked: whatever it holds may map
            }
        }

        return false;
    }

    private bool DeclaredElsewhere(string name)
    {
        foreach (var declares in _referencedDeclarers.Value)
        {
            if (declares(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For each referenced assembly whose methods the classifier may not dismiss, whether it declares a member of a
    /// name that may map: another project's methods by their bodies' syntax (as the classifier reads them), an
    /// assembly from metadata that reaches a health-check assembly by its member names. Known packages never map.
    /// </summary>
    private ImmutableArray<Func<string, bool>> CollectReferencedDeclarers()
    {
        var declarers = ImmutableArray.CreateBuilder<Func<string, bool>>();
        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (KnownAssemblies.IsNeutral(assembly))
            {
                continue;
            }

            if (assembly is ISourceAssemblySymbol { Compilation: { } other })
            {
                declarers.Add(name => OtherProjectMayMap(other.ContainsSymbolsWithName(name, SymbolFilter.Member) ? other.GetSymbolsWithName(name, SymbolFilter.Member) : []));
            }
            else if (assembly.GetMetadata() is null)
            {
                // Another project of the solution seen through a different framework reference (retargeted): its
                // declarations are indexed by member name once.
                var index = new Lazy<Dictionary<string, List<INamedTypeSymbol>>>(() => IndexMembers(assembly));
                declarers.Add(name => index.Value.TryGetValue(name, out var types) && OtherProjectMayMap(Members(types, name)));
            }
            else if (_reachesHealthChecks(assembly))
            {
                var index = new Lazy<Dictionary<string, List<INamedTypeSymbol>>>(() => IndexMembers(assembly));
                declarers.Add(name => index.Value.ContainsKey(name));
            }
        }

        return declarers.ToImmutable();
    }

    /// <summary>Another project's members of one name: their bodies are read as the classifier reads them.</summary>
    private bool OtherProjectMayMap(IEnumerable<ISymbol> members)
    {
        foreach (var symbol in members)
        {
            if (symbol is not IMethodSymbol method || _hasMapsAttribute(method) || AppCallClassifier.ReadOtherProject(method, CancellationToken.None) != MappingEvidence.None)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<ISymbol> Members(List<INamedTypeSymbol> types, string name)
    {
        foreach (var type in types)
        {
            foreach (var member in type.GetMembers(name))
            {
                yield return member;
            }
        }
    }

    /// <summary>The assembly's types by the names of their members.</summary>
    private static Dictionary<string, List<INamedTypeSymbol>> IndexMembers(IAssemblySymbol assembly)
    {
        var index = new Dictionary<string, List<INamedTypeSymbol>>(StringComparer.Ordinal);
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            foreach (var member in namespaces.Pop().GetMembers())
            {
                if (member is INamespaceSymbol inner)
                {
                    namespaces.Push(inner);
                }
                else if (member is INamedTypeSymbol type)
                {
                    Add(type, index);
                }
            }
        }

        return index;

        static void Add(INamedTypeSymbol type, Dictionary<string, List<INamedTypeSymbol>> index)
        {
            foreach (var name in type.MemberNames)
            {
                if (!index.TryGetValue(name, out var types))
                {
                    index[name] = types = [];
                }

                types.Add(type);
            }

            foreach (var nested in type.GetTypeMembers())
            {
                Add(nested, index);
            }
        }
    }

    /// <summary>A Map… call whose route could name a probe: anything but string literals that do not, and lambdas.</summary>
    private static bool MayNameProbeRoute(ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            switch (argument.Expression)
            {
                case LiteralExpressionSyntax literal when literal.Token.Value is not string route || !ProbeEndpoints.IsProbeRoute(route):
                case AnonymousFunctionExpressionSyntax:
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A constructor argument that may be the app: anything but literals, lambdas, nameof and other constructions.</summary>
    private static bool MayPassApp(ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            switch (argument.Expression)
            {
                case LiteralExpressionSyntax or AnonymousFunctionExpressionSyntax or InterpolatedStringExpressionSyntax or BaseObjectCreationExpressionSyntax or TypeOfExpressionSyntax:
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }
}
