using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>The bound that <c>MemoryCacheOptions</c> built in code give a cache: what OPS0003 reports and OPS0004/OPS0005 follow.</summary>
internal static class CacheOptionsBound
{
    /// <summary>The bound of <c>new MemoryCache(options)</c> when the options are built inline.</summary>
    public static CacheBound OfCacheCreation(CacheEntryFacts facts, IObjectCreationOperation creation)
    {
        if (creation.Arguments.Length == 0)
        {
            return CacheBound.Unknown;
        }

        var options = creation.Arguments[0].Value.WalkDownConversions();
        if (options is IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: 1 } create
            && SymbolEqualityComparer.Default.Equals(create.TargetMethod.ContainingType, facts.OptionsFactory))
        {
            options = create.Arguments[0].Value.WalkDownConversions();
        }

        return options is IObjectCreationOperation optionsCreation && facts.IsOptionsType(optionsCreation.Type)
            ? OfOptionsCreation(facts, optionsCreation)
            : CacheBound.Unknown;
    }

    /// <summary>
    /// <c>new MemoryCacheOptions { … }</c> or a type derived from it. Only <c>MemoryCacheOptions.SizeLimit</c> bounds
    /// the cache: a derived type's own <c>new SizeLimit</c> hides it and leaves the cache unbounded, unless that
    /// property forwards to the base one.
    /// </summary>
    public static CacheBound OfOptionsCreation(CacheEntryFacts facts, IObjectCreationOperation creation)
    {
        var derived = !SymbolEqualityComparer.Default.Equals(creation.Type, facts.Options);
        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment && property.Name == "SizeLimit")
                {
                    if (SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, facts.SizeLimit) || ForwardsToBaseSizeLimit(property))
                    {
                        return assignment.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: null } ? CacheBound.Unbounded : CacheBound.SizeLimited;
                    }
                }
            }
        }

        if (!derived)
        {
            return CacheBound.Unbounded;
        }

        // A derived options type may set the real SizeLimit in its constructor: only a source type that never
        // assigns it (its hiding property aside) is provably unbounded.
        return creation.Type is { } type && type.Locations.Length > 0 && type.Locations[0].IsInSource && !AssignsSizeLimit(type)
            ? CacheBound.Unbounded
            : CacheBound.Unknown;
    }

    private static bool ForwardsToBaseSizeLimit(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax().ToString().Contains("base.SizeLimit"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AssignsSizeLimit(ITypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax assignment
                    && assignment.Left.ToString() is "SizeLimit" or "base.SizeLimit" or "this.SizeLimit"
                    && node.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { Identifier.ValueText: "SizeLimit" })
                {
                    return true;
                }
            }
        }

        return false;
    }
}
