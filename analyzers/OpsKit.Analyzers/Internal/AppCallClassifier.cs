using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Decides what a method the app is handed to does, once per method symbol and compilation:
/// <list type="bullet">
/// <item>a method of this compilation that takes the app: what its operations did with the app, collected while the
/// driver analysed its type (<see cref="OnHelperBlock"/>, shared per compilation through <see cref="HelperSummaries"/>),
/// and the methods it handed the app to, in turn;</item>
/// <item>another method of this compilation (the app reaches it through a parameter the declarations do not name as the
/// app's type): its body is bound and followed;</item>
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
    private readonly ConcurrentDictionary<IMethodSymbol, HelperSummary> _summaries;

    public AppCallClassifier(HealthEndpointSymbols symbols, Compilation compilation)
    {
        _symbols = symbols;
        _compilation = compilation;
        _summaries = HelperSummaries.For(compilation);
    }

    public MappingEvidence Classify(IMethodSymbol method, CancellationToken cancellationToken)
        => Classify(method, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken);

    /// <summary>
    /// Collects what a method that takes the app does with it, from the operations the driver builds for its type. Only
    /// <see cref="Classify(IMethodSymbol, CancellationToken)"/>, at the end of the compilation, reads the summaries.
    /// </summary>
    public void OnHelperBlock(OperationBlockStartAnalysisContext context)
    {
        if (context.OwningSymbol is not IMethodSymbol method || !TakesApp(method))
        {
            return;
        }

        var summary = _summaries.GetOrAdd(method.OriginalDefinition, _ => new HelperSummary());
        context.RegisterOperationBlockEndAction(_ => summary.MarkComplete());
        context.RegisterOperationAction(c => OnHelperInvocation((IInvocationOperation)c.Operation, summary), OperationKind.Invocation);
        context.RegisterOperationAction(
            c =>
            {
                if (c.Operation.Syntax is InvocationExpressionSyntax syntax && _symbols.App.InvolvesApp(c.Operation))
                {
                    summary.Add(InDevelopment(ClassifyUnresolved(syntax.GetInvokedName()), c.Operation));
                }
            },
            OperationKind.Invalid);
        context.RegisterOperationAction(
            c =>
            {
                if (_symbols.App.EscapesInto((IObjectCreationOperation)c.Operation))
                {
                    summary.Add(MappingEvidence.Unknown);
                }
            },
            OperationKind.ObjectCreation);
    }

    private bool TakesApp(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (_symbols.App.IsApp(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    private void OnHelperInvocation(IInvocationOperation invocation, HelperSummary summary)
    {
        var original = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (_symbols.IsKnownMapping(original) || (original.Name.StartsWith("Map", StringComparison.Ordinal) && ProbeEndpoints.HasProbeRoute(invocation)))
        {
            summary.Add(InDevelopment(MappingEvidence.Maps, invocation));
        }
        else if (_symbols.App.ReceivesApp(invocation))
        {
            if (_symbols.ClassifyConfigured(invocation) is { } configured)
            {
                summary.Add(InDevelopment(configured, invocation));
            }
            else
            {
                summary.AddHanded(original, DevelopmentBranch.Contains(invocation));
            }
        }
    }

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
        // A known package's method carries no OpsKit attribute: its attributes are not decoded.
        if (!KnownAssemblies.IsNeutral(method.ContainingAssembly) && _symbols.HasMapsAttribute(method))
        {
            return MappingEvidence.Maps;
        }

        // A summary another rule is still filling (see HelperSummaries) is not read: the method is followed instead.
        if (_summaries.TryGetValue(method, out var summary) && summary.IsComplete)
        {
            return Resolve(summary, visiting, cancellationToken);
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

    /// <summary>A summarised method: its own evidence, then the methods it handed the app to (until one maps).</summary>
    private MappingEvidence Resolve(HelperSummary summary, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        var result = summary.Evidence;
        foreach (var call in summary.Handed)
        {
            if (result == MappingEvidence.Maps)
            {
                break;
            }

            var evidence = Classify(call.Method, visiting, cancellationToken);
            result = Combine(result, InDevelopment(evidence, call.InDevelopment));
        }

        return result;
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
        => InDevelopment(evidence, evidence == MappingEvidence.Maps && DevelopmentBranch.Contains(call));

    /// <summary>A mapping reached from a call inside an <c>IsDevelopment()</c> branch maps only in Development.</summary>
    public static MappingEvidence InDevelopment(MappingEvidence evidence, bool callInDevelopment)
        => callInDevelopment && evidence == MappingEvidence.Maps ? MappingEvidence.MapsInDevelopmentOnly : evidence;

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
