using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>Whether something is visibly there, visibly missing, or out of sight.</summary>
internal enum Evidence
{
    Unknown,
    Present,
    Missing,
}

/// <summary>How a private cache field of a type is created, seen from all its assignments in the type.</summary>
internal enum CacheBound
{
    Unknown,
    SizeLimited,
    Unbounded,
}

/// <summary>One Set/GetOrCreate call on a private cache field.</summary>
internal sealed class CacheEntryCall(IFieldSymbol field, Location location, Evidence size, Evidence expiration)
{
    public IFieldSymbol Field { get; } = field;

    public Location Location { get; } = location;

    public Evidence Size { get; } = size;

    public Evidence Expiration { get; } = expiration;
}

/// <summary>
/// Shared by OPS0004 and OPS0005: per type, how each private <c>MemoryCache</c>/<c>IMemoryCache</c> field is created
/// (every assignment must agree) and which entries are written to it without Size or expiration. Decided at the end
/// of the type, so constructor assignments and calls may come in any order.
/// </summary>
internal sealed class CacheEntryFacts
{
    private readonly object _gate = new();
    private readonly Dictionary<IFieldSymbol, CacheBound> _bounds = new(SymbolEqualityComparer.Default);
    private readonly List<CacheEntryCall> _calls = [];

    public CacheBound BoundOf(IFieldSymbol field)
    {
        lock (_gate)
        {
            return _bounds.TryGetValue(field, out var bound) ? bound : CacheBound.Unknown;
        }
    }

    public IReadOnlyList<CacheEntryCall> Calls
    {
        get { lock (_gate) { return _calls.ToArray(); } }
    }

    internal void AddAssignment(IFieldSymbol field, CacheBound bound)
    {
        lock (_gate)
        {
            _bounds[field] = _bounds.TryGetValue(field, out var existing) && existing != bound ? CacheBound.Unknown : bound;
        }
    }

    internal void AddCall(CacheEntryCall call)
    {
        lock (_gate) { _calls.Add(call); }
    }
}

internal sealed class CacheEntrySymbols
{
    private static readonly ImmutableHashSet<string> ExpirationMembers = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "AbsoluteExpiration", "AbsoluteExpirationRelativeToNow", "SlidingExpiration", "ExpirationTokens",
        "SetAbsoluteExpiration", "SetSlidingExpiration", "AddExpirationToken");

    private readonly INamedTypeSymbol _memoryCache;
    private readonly INamedTypeSymbol _iMemoryCache;
    private readonly INamedTypeSymbol _options;
    private readonly INamedTypeSymbol _cacheExtensions;
    private readonly INamedTypeSymbol? _entryOptions;
    private readonly INamedTypeSymbol? _optionsFactory;

    private CacheEntrySymbols(INamedTypeSymbol memoryCache, INamedTypeSymbol iMemoryCache, INamedTypeSymbol options, INamedTypeSymbol cacheExtensions, INamedTypeSymbol? entryOptions, INamedTypeSymbol? optionsFactory)
    {
        _memoryCache = memoryCache;
        _iMemoryCache = iMemoryCache;
        _options = options;
        _cacheExtensions = cacheExtensions;
        _entryOptions = entryOptions;
        _optionsFactory = optionsFactory;
    }

    public static CacheEntrySymbols? TryCreate(Compilation compilation, AnalyzerOptions options)
    {
        if (ProjectProperties.IsTestProject(options))
        {
            return null;
        }

        var memoryCache = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.MemoryCache");
        var iMemoryCache = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.IMemoryCache");
        var cacheOptions = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.MemoryCacheOptions");
        var extensions = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.CacheExtensions");
        if (memoryCache is null || iMemoryCache is null || cacheOptions is null || extensions is null)
        {
            return null;
        }

        return new CacheEntrySymbols(
            memoryCache,
            iMemoryCache,
            cacheOptions,
            extensions,
            compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions"),
            compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Options.Options"));
    }

    public void Register(CompilationStartAnalysisContext context, Action<SymbolAnalysisContext, CacheEntryFacts> onTypeEnd)
    {
        context.RegisterSymbolStartAction(
            symbolStart =>
            {
                var type = (INamedTypeSymbol)symbolStart.Symbol;
                if (!HasCacheField(type))
                {
                    return;
                }

                var facts = new CacheEntryFacts();
                symbolStart.RegisterOperationAction(c => OnFieldInitializer(c, facts), OperationKind.FieldInitializer);
                symbolStart.RegisterOperationAction(c => OnAssignment(c, facts), OperationKind.SimpleAssignment, OperationKind.CoalesceAssignment);
                symbolStart.RegisterOperationAction(c => OnInvocation(c, facts), OperationKind.Invocation);
                symbolStart.RegisterSymbolEndAction(c => onTypeEnd(c, facts));
            },
            SymbolKind.NamedType);
    }

    private bool HasCacheField(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol field && IsCacheField(field))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsCacheField(IFieldSymbol field)
        => field.DeclaredAccessibility == Accessibility.Private
            && (SymbolEqualityComparer.Default.Equals(field.Type, _memoryCache) || SymbolEqualityComparer.Default.Equals(field.Type, _iMemoryCache));

    private void OnFieldInitializer(OperationAnalysisContext context, CacheEntryFacts facts)
    {
        var initializer = (IFieldInitializerOperation)context.Operation;
        foreach (var field in initializer.InitializedFields)
        {
            if (IsCacheField(field))
            {
                facts.AddAssignment(field, Classify(initializer.Value));
            }
        }
    }

    private void OnAssignment(OperationAnalysisContext context, CacheEntryFacts facts)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment.Target is IFieldReferenceOperation { Field: var field } && IsCacheField(field.OriginalDefinition))
        {
            facts.AddAssignment(field.OriginalDefinition, Classify(assignment.Value));
        }
    }

    private CacheBound Classify(IOperation value)
    {
        value = value.WalkDownConversions();
        if (value is not IObjectCreationOperation creation || !SymbolEqualityComparer.Default.Equals(creation.Type, _memoryCache) || creation.Arguments.Length == 0)
        {
            return CacheBound.Unknown;
        }

        IOperation options = creation.Arguments[0].Value.WalkDownConversions();
        if (options is IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: 1 } create
            && SymbolEqualityComparer.Default.Equals(create.TargetMethod.ContainingType, _optionsFactory))
        {
            options = create.Arguments[0].Value.WalkDownConversions();
        }

        if (options is not IObjectCreationOperation optionsCreation || !SymbolEqualityComparer.Default.Equals(optionsCreation.Type, _options))
        {
            return CacheBound.Unknown;
        }

        if (optionsCreation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SizeLimit" } } sizeLimit)
                {
                    return sizeLimit.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: null } ? CacheBound.Unbounded : CacheBound.SizeLimited;
                }
            }
        }

        return CacheBound.Unbounded;
    }

    private void OnInvocation(OperationAnalysisContext context, CacheEntryFacts facts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (method.Name is not ("Set" or "GetOrCreate" or "GetOrCreateAsync")
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, _cacheExtensions)
            || invocation.GetReceiverOrThisArgument()?.WalkDownConversions() is not IFieldReferenceOperation { Field: var field }
            || !IsCacheField(field.OriginalDefinition))
        {
            return;
        }

        var (size, expiration) = method.Name == "Set" ? InspectSet(invocation) : InspectGetOrCreate(invocation);
        facts.AddCall(new CacheEntryCall(field.OriginalDefinition, invocation.GetNameLocation(), size, expiration));
    }

    private (Evidence Size, Evidence Expiration) InspectSet(IInvocationOperation invocation)
    {
        var last = Argument(invocation, 3);
        if (last is null)
        {
            return (Evidence.Missing, Evidence.Missing);
        }

        return last.Type?.Name switch
        {
            "DateTimeOffset" or "TimeSpan" or "IChangeToken" => (Evidence.Missing, Evidence.Present),
            _ => InspectEntryOptions(last),
        };
    }

    private (Evidence Size, Evidence Expiration) InspectGetOrCreate(IInvocationOperation invocation)
    {
        var (size, expiration) = Argument(invocation, 3) is { } createOptions ? InspectEntryOptions(createOptions) : (Evidence.Missing, Evidence.Missing);
        if (Argument(invocation, 2)?.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
            || lambda.Symbol.Parameters.Length != 1)
        {
            return (Evidence.Unknown, Evidence.Unknown);
        }

        var entry = lambda.Symbol.Parameters[0];
        foreach (var operation in lambda.Body.Descendants())
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, entry))
            {
                continue;
            }

            var name = reference.WalkUpConversions() switch
            {
                IPropertyReferenceOperation property => property.Property.Name,
                IArgumentOperation { Parent: IInvocationOperation call } when call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && ReferenceEquals(call.Arguments[0].Value.WalkDownConversions(), reference) => call.TargetMethod.Name,
                IInvocationOperation call when ReferenceEquals(call.Instance?.WalkDownConversions(), reference) => call.TargetMethod.Name,
                _ => null,
            };
            switch (name)
            {
                case null or "SetOptions":
                    return (Evidence.Unknown, Evidence.Unknown); // the entry goes somewhere the rule cannot follow
                case "Size" or "SetSize":
                    size = Evidence.Present;
                    break;
                default:
                    if (ExpirationMembers.Contains(name))
                    {
                        expiration = Evidence.Present;
                    }

                    break;
            }
        }

        return (size, expiration);
    }

    /// <summary><c>new MemoryCacheEntryOptions { … }</c>, optionally followed by fluent <c>SetSize</c>/<c>Set…Expiration</c> calls.</summary>
    private (Evidence Size, Evidence Expiration) InspectEntryOptions(IOperation value)
    {
        var size = Evidence.Missing;
        var expiration = Evidence.Missing;
        value = value.WalkDownConversions();
        while (value is IInvocationOperation fluent && fluent.TargetMethod.IsExtensionMethod && fluent.Arguments.Length > 0)
        {
            var name = fluent.TargetMethod.Name;
            if (name == "SetSize")
            {
                size = Evidence.Present;
            }
            else if (ExpirationMembers.Contains(name))
            {
                expiration = Evidence.Present;
            }
            else if (!name.StartsWith("Set", StringComparison.Ordinal) && name != "RegisterPostEvictionCallback")
            {
                return (Evidence.Unknown, Evidence.Unknown);
            }

            value = fluent.Arguments[0].Value.WalkDownConversions();
        }

        if (value is not IObjectCreationOperation creation || !SymbolEqualityComparer.Default.Equals(creation.Type, _entryOptions))
        {
            return (Evidence.Unknown, Evidence.Unknown);
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property })
                {
                    if (property.Property.Name == "Size")
                    {
                        size = Evidence.Present;
                    }
                    else if (ExpirationMembers.Contains(property.Property.Name))
                    {
                        expiration = Evidence.Present;
                    }
                }
                else
                {
                    expiration = Evidence.Present; // ExpirationTokens = { … } collection initializer
                }
            }
        }

        return (size, expiration);
    }

    private static IOperation? Argument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
