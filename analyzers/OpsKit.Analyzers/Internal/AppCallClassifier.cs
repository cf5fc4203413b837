using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Decides what a method the app is handed to does, once per method symbol and compilation:
/// <list type="bullet">
/// <item>a method of this compilation: its body is followed (calls it makes with the app are classified in turn);</item>
/// <item>a method of another project of the solution (source, other compilation): its body is read as syntax;</item>
/// <item>a method from metadata: known packages never map; an assembly that does not reference a health-check
/// assembly (directly or through one of its own references) cannot map; Aspire's MapDefaultEndpoints maps only in
/// Development (the template's body); anything else might map;</item>
/// <item>a call that does not bind (package not restored): decided by its name.</item>
/// </list>
/// </summary>
internal sealed class AppCallClassifier
{
    public const string AspireDefaultEndpoints = "MapDefaultEndpoints";
    private const int MaxDepth = 4;

    private readonly HealthEndpointSymbols _symbols;
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, MappingEvidence> _methods = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _reachesHealthChecks = new(SymbolEqualityComparer.Default);

    public AppCallClassifier(HealthEndpointSymbols symbols, Compilation compilation)
    {
        _symbols = symbols;
        _compilation = compilation;
    }

    public MappingEvidence Classify(IMethodSymbol method, CancellationToken cancellationToken)
        => Classify(method, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken);

    /// <summary>A call that does not bind: only its name is known.</summary>
    public static MappingEvidence ClassifyUnresolved(string name)
    {
        if (HealthEndpointSymbols.IsMappingName(name))
        {
            return MappingEvidence.Maps;
        }

        if (name == AspireDefaultEndpoints)
        {
            return MappingEvidence.MapsInDevelopmentOnly;
        }

        return KnownAssemblies.SoundsLikeHealth(name) ? MappingEvidence.Unknown : MappingEvidence.None;
    }

    private MappingEvidence Classify(IMethodSymbol method, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        method = method.ReducedFrom ?? method.OriginalDefinition;
        if (_methods.TryGetValue(method, out var known))
        {
            return known;
        }

        if (visiting.Count > MaxDepth)
        {
            return MappingEvidence.Unknown;
        }

        // A method that calls itself back maps nothing by that path.
        if (!visiting.Add(method))
        {
            return MappingEvidence.None;
        }

        var evidence = Compute(method, visiting, cancellationToken);
        visiting.Remove(method);
        return _methods.GetOrAdd(method, evidence);
    }

    private MappingEvidence Compute(IMethodSymbol method, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        if (_symbols.HasMapsAttribute(method))
        {
            return MappingEvidence.Maps;
        }

        var inThisCompilation = !method.DeclaringSyntaxReferences.IsDefaultOrEmpty
            && _compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree);
        if (inThisCompilation)
        {
            return FollowSource(method, visiting, cancellationToken);
        }

        // Known packages are known by assembly name, whether they come compiled or as a project of the same
        // repository (YARP's and Ocelot's samples reference their sources).
        if (KnownAssemblies.IsNeutral(method.ContainingAssembly))
        {
            return MappingEvidence.None;
        }

        if (!method.DeclaringSyntaxReferences.IsDefaultOrEmpty)
        {
            return ReadOtherProject(method, cancellationToken);
        }

        if (method.Name == AspireDefaultEndpoints)
        {
            return MappingEvidence.MapsInDevelopmentOnly;
        }

        return method.ContainingAssembly is { } assembly && ReachesHealthChecks(assembly)
            ? MappingEvidence.Unknown
            : MappingEvidence.None;
    }

    /// <summary>A method body of this compilation: every call in it that receives the app is classified in turn.</summary>
    private MappingEvidence FollowSource(IMethodSymbol method, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        var result = MappingEvidence.None;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // Only for the few methods the app is handed to; the driver caches semantic models per tree.
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            var body = model.GetOperation(syntax, cancellationToken);
            if (body is null)
            {
                return MappingEvidence.Unknown;
            }

            foreach (var operation in body.Descendants())
            {
                var evidence = operation switch
                {
                    IInvocationOperation invocation => ClassifyCall(invocation, visiting, cancellationToken),
                    IInvalidOperation invalid when invalid.Syntax is InvocationExpressionSyntax && _symbols.App.InvolvesApp(invalid)
                        => InDevelopment(ClassifyUnresolved(((InvocationExpressionSyntax)invalid.Syntax).GetInvokedName()), invalid),
                    IObjectCreationOperation creation when _symbols.App.EscapesInto(creation) => MappingEvidence.Unknown,
                    _ => MappingEvidence.None,
                };
                result = Combine(result, evidence);
                if (result == MappingEvidence.Maps)
                {
                    return result;
                }
            }
        }

        return result;
    }

    private MappingEvidence ClassifyCall(IInvocationOperation invocation, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        var original = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (_symbols.IsKnownMapping(original) || (original.Name.StartsWith("Map", StringComparison.Ordinal) && ProbeEndpoints.HasProbeRoute(invocation)))
        {
            return InDevelopment(MappingEvidence.Maps, invocation);
        }

        if (!_symbols.App.ReceivesApp(invocation))
        {
            return MappingEvidence.None;
        }

        return InDevelopment(_symbols.ClassifyConfigured(invocation) ?? Classify(original, visiting, cancellationToken), invocation);
    }

    /// <summary>Another project of the solution: its syntax is visible, its semantic model is not.</summary>
    private static MappingEvidence ReadOtherProject(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var result = MappingEvidence.None;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation)
                {
                    continue;
                }

                var name = invocation.GetInvokedName();
                MappingEvidence evidence;
                if (HealthEndpointSymbols.IsMappingName(name) || (name.StartsWith("Map", StringComparison.Ordinal) && ProbeEndpoints.HasProbeRoute(invocation)))
                {
                    evidence = DevelopmentBranch.Contains(invocation) ? MappingEvidence.MapsInDevelopmentOnly : MappingEvidence.Maps;
                }
                else
                {
                    evidence = KnownAssemblies.SoundsLikeHealth(name) ? MappingEvidence.Unknown : MappingEvidence.None;
                }

                result = Combine(result, evidence);
            }
        }

        return result;
    }

    /// <summary>Whether an assembly from metadata references a health-check assembly, itself or through one of its references.</summary>
    private bool ReachesHealthChecks(IAssemblySymbol assembly)
        => _reachesHealthChecks.GetOrAdd(assembly, a => References(a, depth: 0));

    private static bool References(IAssemblySymbol assembly, int depth)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var identity in module.ReferencedAssemblies)
            {
                if (KnownAssemblies.IsHealthCheckAssembly(identity.Name))
                {
                    return true;
                }
            }

            if (depth > 0)
            {
                continue;
            }

            foreach (var referenced in module.ReferencedAssemblySymbols)
            {
                if (!KnownAssemblies.IsNeutral(referenced) && References(referenced, depth + 1))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static MappingEvidence InDevelopment(MappingEvidence evidence, IOperation call)
        => evidence == MappingEvidence.Maps && DevelopmentBranch.Contains(call) ? MappingEvidence.MapsInDevelopmentOnly : evidence;

    /// <summary>Maps wins, then Unknown (silence), then a Development-only mapping.</summary>
    public static MappingEvidence Combine(MappingEvidence current, MappingEvidence next)
        => Rank(current) >= Rank(next) ? current : next;

    private static int Rank(MappingEvidence evidence) => evidence switch
    {
        MappingEvidence.Maps => 3,
        MappingEvidence.Unknown => 2,
        MappingEvidence.MapsInDevelopmentOnly => 1,
        _ => 0,
    };
}
