using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Per compilation, shared by OPS0003–OPS0005: the Microsoft.Extensions.Caching.Memory types, the bound of the shared
/// DI <c>IMemoryCache</c> (from the <c>AddMemoryCache</c> registrations of the same compilation, scanned once and only
/// when a rule needs it) and, cached per field or property, the bound of the caches that code stores in members.
/// </summary>
internal sealed class CacheEntryFacts
{
    private static readonly ConditionalWeakTable<Compilation, CacheEntryFacts?> PerCompilation = new();

    private readonly ConcurrentDictionary<ISymbol, CacheBound> _memberBounds = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<CacheWrite>> _writes = new();
    private readonly Lazy<SharedCacheRegistrations> _shared;
    private readonly Lazy<INamedTypeSymbol?> _cacheExtensions;
    private readonly Lazy<INamedTypeSymbol?> _entryOptions;
    private readonly Lazy<INamedTypeSymbol?> _optionsFactory;
    private readonly Lazy<INamedTypeSymbol?> _addMemoryCacheType;
    private readonly Lazy<INamedTypeSymbol?> _serviceProviderExtensions;
    private readonly Lazy<INamedTypeSymbol?> _fromKeyedServices;

    private CacheEntryFacts(Compilation compilation, INamedTypeSymbol memoryCache, INamedTypeSymbol iMemoryCache, INamedTypeSymbol options, IPropertySymbol sizeLimit)
    {
        Compilation = compilation;
        MemoryCache = memoryCache;
        IMemoryCache = iMemoryCache;
        Options = options;
        SizeLimit = sizeLimit;

        // Each lookup loads a referenced assembly's types the first time: only the ones a rule reaches are looked up.
        _cacheExtensions = compilation.GetBestTypeLazily("Microsoft.Extensions.Caching.Memory.CacheExtensions", "Microsoft.Extensions.Caching.Abstractions");
        _entryOptions = compilation.GetBestTypeLazily("Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions", "Microsoft.Extensions.Caching.Abstractions");
        _optionsFactory = compilation.GetBestTypeLazily("Microsoft.Extensions.Options.Options", "Microsoft.Extensions.Options");
        _addMemoryCacheType = compilation.GetBestTypeLazily("Microsoft.Extensions.DependencyInjection.MemoryCacheServiceCollectionExtensions", "Microsoft.Extensions.Caching.Memory");
        _serviceProviderExtensions = compilation.GetBestTypeLazily("Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions", "Microsoft.Extensions.DependencyInjection.Abstractions");
        _fromKeyedServices = compilation.GetBestTypeLazily("Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute", "Microsoft.Extensions.DependencyInjection.Abstractions");
        _shared = new Lazy<SharedCacheRegistrations>(() => SharedCacheRegistrations.Scan(this, CancellationToken.None));
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol MemoryCache { get; }

    public INamedTypeSymbol IMemoryCache { get; }

    public INamedTypeSymbol Options { get; }

    public IPropertySymbol SizeLimit { get; }

    public INamedTypeSymbol? CacheExtensions => _cacheExtensions.Value;

    public INamedTypeSymbol? EntryOptions => _entryOptions.Value;

    public INamedTypeSymbol? OptionsFactory => _optionsFactory.Value;

    public INamedTypeSymbol? AddMemoryCacheType => _addMemoryCacheType.Value;

    public INamedTypeSymbol? ServiceProviderExtensions => _serviceProviderExtensions.Value;

    public INamedTypeSymbol? FromKeyedServices => _fromKeyedServices.Value;

    /// <summary>The registrations of the shared cache in this compilation (scanned on first use).</summary>
    public SharedCacheRegistrations Shared => _shared.Value;

    /// <summary>The cache writes of one file, found once for OPS0004 and OPS0005.</summary>
    public ImmutableArray<CacheWrite> WritesIn(SemanticModel model, CancellationToken cancellationToken)
        => _writes.TryGetValue(model.SyntaxTree, out var writes)
            ? writes
            : _writes.GetOrAdd(model.SyntaxTree, CacheWriteAction.Find(this, model, cancellationToken));

    /// <summary>Null when the compilation does not reference Microsoft.Extensions.Caching.Memory.</summary>
    public static CacheEntryFacts? For(Compilation compilation) => PerCompilation.GetValue(compilation, Create);

    private static CacheEntryFacts? Create(Compilation compilation)
    {
        // The referenced assembly names are known without loading any type: a compilation without the caching
        // assemblies (most of them) costs one lookup in the names every rule shares.
        if (!IsReferenced(compilation))
        {
            return null;
        }

        var memoryCache = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.MemoryCache", "Microsoft.Extensions.Caching.Memory");
        var iMemoryCache = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.IMemoryCache", "Microsoft.Extensions.Caching.Abstractions");
        var options = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.MemoryCacheOptions", "Microsoft.Extensions.Caching.Memory");
        if (memoryCache is null || iMemoryCache is null || options is null)
        {
            return null;
        }

        foreach (var member in options.GetMembers("SizeLimit"))
        {
            if (member is IPropertySymbol sizeLimit)
            {
                return new CacheEntryFacts(compilation, memoryCache, iMemoryCache, options, sizeLimit);
            }
        }

        return null;
    }

    /// <summary>The compilation references Microsoft.Extensions.Caching.Memory (its types may still be missing).</summary>
    public static bool IsReferenced(Compilation compilation) => ReferencedAssemblies.Contains(compilation, "Microsoft.Extensions.Caching.Memory");

    public bool IsCacheType(ITypeSymbol? type)
        => SymbolEqualityComparer.Default.Equals(type, MemoryCache) || SymbolEqualityComparer.Default.Equals(type, IMemoryCache);

    public bool IsOptionsType(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Options))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="receiver"/> is the shared DI cache (true), a cache the code creates (false) or out of
    /// sight (null). The code fixes use it to find every write into the cache they bound.
    /// </summary>
    public bool? IsSharedCache(IOperation? receiver, CancellationToken cancellationToken)
    {
        switch (receiver?.WalkDownConversions())
        {
            case IParameterReferenceOperation parameter:
                return SymbolEqualityComparer.Default.Equals(parameter.Parameter.Type, IMemoryCache) && !IsKeyed(parameter.Parameter) ? true : null;
            case IInvocationOperation invocation when IsServiceLookup(invocation):
                return true;
            case IFieldReferenceOperation field:
                return IsSharedMember(field.Field.OriginalDefinition, cancellationToken);
            case IPropertyReferenceOperation { Property.Parameters.IsEmpty: true } property:
                return IsSharedMember(property.Property.OriginalDefinition, cancellationToken);
            default:
                return null;
        }
    }

    private bool IsKeyed(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (FromKeyedServices is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, FromKeyedServices))
            {
                return true;
            }
        }

        return false;
    }

    private bool? IsSharedMember(ISymbol member, CancellationToken cancellationToken)
    {
        if (member is IFieldSymbol { DeclaredAccessibility: not Accessibility.Private, IsReadOnly: false } || !IsCacheType(member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type))
        {
            return null;
        }

        bool? shared = null;
        foreach (var value in MemberValues.Of(Compilation, member, cancellationToken))
        {
            bool? one = value?.WalkDownConversions() switch
            {
                IParameterReferenceOperation parameter => IsSharedCache(parameter, cancellationToken),
                IInvocationOperation invocation when IsServiceLookup(invocation) => true,
                IObjectCreationOperation => false,
                _ => null,
            };
            if (one is null || (shared is not null && shared != one))
            {
                return null;
            }

            shared = one;
        }

        return shared;
    }

    /// <summary>The bound of the cache that <paramref name="receiver"/> evaluates to.</summary>
    public CacheBound BoundOf(IOperation? receiver, CancellationToken cancellationToken)
    {
        switch (receiver?.WalkDownConversions())
        {
            case IFieldReferenceOperation field:
                return BoundOfMember(field.Field.OriginalDefinition, cancellationToken);
            case IPropertyReferenceOperation { Property.Parameters.IsEmpty: true } property:
                return BoundOfMember(property.Property.OriginalDefinition, cancellationToken);
            case IParameterReferenceOperation parameter:
                return BoundOfParameter(parameter.Parameter);
            case IInvocationOperation invocation when IsServiceLookup(invocation):
                return Shared.Bound;
            default:
                return CacheBound.Unknown;
        }
    }

    /// <summary>
    /// An <c>IMemoryCache</c> parameter is the shared DI cache (constructor injection, minimal API handlers); a keyed
    /// one (<c>[FromKeyedServices]</c>) is a dedicated cache and a concrete <c>MemoryCache</c> parameter a private one.
    /// </summary>
    private CacheBound BoundOfParameter(IParameterSymbol parameter)
    {
        if (!SymbolEqualityComparer.Default.Equals(parameter.Type, IMemoryCache))
        {
            return CacheBound.Unknown;
        }

        return IsKeyed(parameter) ? CacheBound.Unknown : Shared.Bound;
    }

    private bool IsServiceLookup(IInvocationOperation invocation)
        => invocation.TargetMethod.Name is "GetRequiredService" or "GetService"
            && SymbolEqualityComparer.Default.Equals(invocation.Type, IMemoryCache)
            && (invocation.TargetMethod.IsGenericMethod || SymbolEqualityComparer.Default.Equals((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).ContainingType, ServiceProviderExtensions));

    private CacheBound BoundOfMember(ISymbol member, CancellationToken cancellationToken)
        => _memberBounds.TryGetValue(member, out var bound)
            ? bound
            : _memberBounds.GetOrAdd(member, ComputeMemberBound(member, cancellationToken));

    /// <summary>
    /// A field or property of a cache type whose every assignment is visible: private or readonly fields, get-only or
    /// privately set auto-properties. All assignments must agree; they are looked up in the declaring type only.
    /// </summary>
    private CacheBound ComputeMemberBound(ISymbol member, CancellationToken cancellationToken, int depth = 0)
    {
        var type = member switch
        {
            IFieldSymbol field when field.DeclaredAccessibility == Accessibility.Private || field.IsReadOnly => field.Type,
            IPropertySymbol { SetMethod: null or { DeclaredAccessibility: Accessibility.Private } or { IsInitOnly: true } } property when IsAutoProperty(property) => property.Type,
            _ => null,
        };
        if (!IsCacheType(type))
        {
            return CacheBound.Unknown;
        }

        CacheBound? combined = null;
        foreach (var value in MemberValues.Of(Compilation, member, cancellationToken))
        {
            var bound = value is null ? CacheBound.Unknown : Classify(value, cancellationToken, depth);
            combined = combined is null || combined == bound ? bound : CacheBound.Unknown;
            if (combined == CacheBound.Unknown)
            {
                break;
            }
        }

        return combined ?? CacheBound.Unknown;
    }

    /// <summary>A property with accessors and no bodies: only its initializer and assignments give it values.</summary>
    public static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors })
            {
                foreach (var accessor in accessors.Accessors)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a value stored in a cache member is: a new MemoryCache, the injected shared cache, another member that
    /// holds one (<c>_cache = wrapper.Cache;</c>, followed two hops at most), or unknown.
    /// </summary>
    private CacheBound Classify(IOperation value, CancellationToken cancellationToken, int depth)
    {
        value = value.WalkDownConversions();
        switch (value)
        {
            case IFieldReferenceOperation field when depth < 2:
                return ComputeMemberBound(field.Field.OriginalDefinition, cancellationToken, depth + 1);
            case IPropertyReferenceOperation { Property.Parameters.IsEmpty: true } property when depth < 2:
                return ComputeMemberBound(property.Property.OriginalDefinition, cancellationToken, depth + 1);
            case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, MemoryCache):
                return CacheOptionsBound.OfCacheCreation(this, creation);
            case IParameterReferenceOperation parameter:
                return BoundOfParameter(parameter.Parameter);
            case IInvocationOperation invocation when IsServiceLookup(invocation):
                return Shared.Bound;
            case ICoalesceOperation coalesce:
                var left = Classify(coalesce.Value, cancellationToken, depth);
                return left == Classify(coalesce.WhenNull, cancellationToken, depth) ? left : CacheBound.Unknown;
            default:
                return CacheBound.Unknown;
        }
    }
}
