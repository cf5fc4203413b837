using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// How the shared DI <c>IMemoryCache</c> is registered in one compilation. Every <c>AddMemoryCache</c> configures the
/// same <c>MemoryCacheOptions</c>, so one SizeLimit anywhere bounds the cache, configuration binding or a delegate
/// the rule cannot read makes it unknown, and only registrations that all leave SizeLimit unset make it unbounded.
/// Without any registration the compilation does not decide the bound (a host elsewhere does).
/// </summary>
internal sealed class SharedCacheRegistrations
{
    private SharedCacheRegistrations(CacheBound bound) => Bound = bound;

    public CacheBound Bound { get; }

    /// <summary>
    /// Looks only at the places where a file's text names AddMemoryCache or MemoryCacheOptions (the text is read once
    /// per file for the three cache rules) and binds only those names, the first time a rule asks about the shared cache.
    /// </summary>
    public static SharedCacheRegistrations Scan(CacheEntryFacts facts, CancellationToken cancellationToken)
    {
        var sizeLimited = false;
        var unknown = false;
        var unbounded = false;
        var files = CacheFiles.For(facts.Compilation);
        foreach (var tree in facts.Compilation.SyntaxTrees)
        {
            if (!files.NamesMemoryCache(tree, cancellationToken))
            {
                continue;
            }

            var file = files.Of(tree, cancellationToken);

            var text = tree.GetText(cancellationToken);
            SyntaxNode? root = null;
            SemanticModel? model = null;
            foreach (var offset in file.CacheNameOffsets)
            {
                var (name, index) = SourceTextSearch.Spells(text, offset - 3, "AddMemoryCache") ? ("AddMemoryCache", offset - 3)
                    : SourceTextSearch.Spells(text, offset, "MemoryCacheOptions") ? ("MemoryCacheOptions", offset)
                    : (null, -1);
                root ??= tree.GetRoot(cancellationToken);
                if (name is null || root.FindToken(index).Parent is not SimpleNameSyntax simpleName || simpleName.Identifier.ValueText != name)
                {
                    continue;
                }

                model ??= MemberValues.ModelFor(facts.Compilation, tree);
                var bound = name == "AddMemoryCache" ? ClassifyRegistration(facts, model, simpleName, cancellationToken) : ClassifyConfiguration(facts, model, simpleName, cancellationToken);
                sizeLimited |= bound == RegistrationKind.SizeLimited;
                unknown |= bound == RegistrationKind.Unknown;
                unbounded |= bound == RegistrationKind.Unbounded;
            }
        }

        return new SharedCacheRegistrations(sizeLimited ? CacheBound.SizeLimited : unknown ? CacheBound.Unknown : unbounded ? CacheBound.Unbounded : CacheBound.Unknown);
    }

    private static RegistrationKind ClassifyRegistration(CacheEntryFacts facts, SemanticModel model, SimpleNameSyntax name, CancellationToken cancellationToken)
    {
        var invocationSyntax = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access.Parent : name.Parent;
        return invocationSyntax is InvocationExpressionSyntax && model.GetOperation(invocationSyntax, cancellationToken) is IInvocationOperation invocation
            ? Classify(facts, invocation)
            : RegistrationKind.None;
    }

    /// <summary>What one <c>AddMemoryCache</c> call does to the shared options; None when it is another method.</summary>
    public static RegistrationKind Classify(CacheEntryFacts facts, IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name != "AddMemoryCache" || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, facts.AddMemoryCacheType))
        {
            return RegistrationKind.None;
        }

        IOperation? configure = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 1 && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                configure = argument.Value.WalkDownConversions();
            }
        }

        return configure switch
        {
            null => RegistrationKind.Unbounded,
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => ClassifyConfigureLambda(facts, lambda),
            _ => RegistrationKind.Unknown,
        };
    }

    /// <summary>
    /// <c>o =&gt; { … }</c>: SizeLimit assigned a non-nullable value bounds the cache, a nullable one (configuration that
    /// may be empty) leaves it unknown, null or no assignment leaves it unbounded. Any other use of the parameter
    /// (binding, a helper) may set it.
    /// </summary>
    public static RegistrationKind ClassifyConfigureLambda(CacheEntryFacts facts, IAnonymousFunctionOperation lambda)
    {
        if (lambda.Symbol.Parameters.Length != 1)
        {
            return RegistrationKind.Unknown;
        }

        var parameter = lambda.Symbol.Parameters[0];
        var result = RegistrationKind.Unbounded;
        foreach (var operation in lambda.Body.Descendants())
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                continue;
            }

            if (reference.WalkUpConversions() is not IPropertyReferenceOperation property)
            {
                return RegistrationKind.Unknown;
            }

            if (property.Property.Name != "SizeLimit")
            {
                continue;
            }

            if (!SymbolEqualityComparer.Default.Equals(property.Property.OriginalDefinition, facts.SizeLimit)
                || property.Parent is not ISimpleAssignmentOperation assignment || !ReferenceEquals(assignment.Target, property))
            {
                return RegistrationKind.Unknown;
            }

            var value = assignment.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: null })
            {
                continue;
            }

            if (value.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
            {
                return RegistrationKind.Unknown;
            }

            result = RegistrationKind.SizeLimited;
        }

        return result;
    }

    /// <summary>
    /// <c>Configure&lt;MemoryCacheOptions&gt;(…)</c>, <c>PostConfigure</c>, <c>AddOptions&lt;MemoryCacheOptions&gt;()</c> or a
    /// class implementing <c>IConfigureOptions&lt;MemoryCacheOptions&gt;</c>: SizeLimit may be set there. Consumers
    /// (<c>IOptions&lt;MemoryCacheOptions&gt;</c>) and private caches (<c>new MemoryCacheOptions</c>) are not configuration.
    /// </summary>
    private static RegistrationKind ClassifyConfiguration(CacheEntryFacts facts, SemanticModel model, SimpleNameSyntax name, CancellationToken cancellationToken)
    {
        if (name.Parent is not TypeArgumentListSyntax { Parent: GenericNameSyntax generic })
        {
            return RegistrationKind.None;
        }

        if (generic.FirstAncestorOrSelf<BaseListSyntax>() is not null)
        {
            return generic.Identifier.ValueText is "IConfigureOptions" or "IPostConfigureOptions" or "IConfigureNamedOptions" ? RegistrationKind.Unknown : RegistrationKind.None;
        }

        if (generic.Identifier.ValueText is not ("Configure" or "PostConfigure" or "ConfigureAll" or "PostConfigureAll" or "AddOptions" or "ConfigureOptions"))
        {
            return RegistrationKind.None;
        }

        var invocationSyntax = generic.Parent is MemberAccessExpressionSyntax access && access.Name == generic ? access.Parent : generic.Parent;
        if (invocationSyntax is not InvocationExpressionSyntax || model.GetOperation(invocationSyntax, cancellationToken) is not IInvocationOperation invocation
            || !facts.IsOptionsType(invocation.TargetMethod.TypeArguments.Length == 1 ? invocation.TargetMethod.TypeArguments[0] : null))
        {
            return RegistrationKind.None;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                return ClassifyConfigureLambda(facts, lambda) == RegistrationKind.SizeLimited ? RegistrationKind.SizeLimited : RegistrationKind.Unknown;
            }
        }

        return RegistrationKind.Unknown;
    }
}

/// <summary>What one registration or configuration does to the shared cache's SizeLimit.</summary>
internal enum RegistrationKind
{
    None,
    Unbounded,
    SizeLimited,
    Unknown,
}
