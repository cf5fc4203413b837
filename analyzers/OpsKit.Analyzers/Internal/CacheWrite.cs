using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// One write into a memory cache (<c>Set</c>, <c>GetOrCreate(Async)</c>, <c>CreateEntry</c>) and what it visibly does
/// about the entry's Size and expiration: options built inline, in a local or in a readonly member of the type, a
/// factory that sets them on its entry (fluent chains included), or an entry created and configured in place.
/// Anything the rule cannot follow (a helper, SetOptions, the entry handed away) is Unknown and never reported.
/// </summary>
internal sealed class CacheWrite
{
    private static readonly ImmutableHashSet<string> ExpirationMembers = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "AbsoluteExpiration", "AbsoluteExpirationRelativeToNow", "SlidingExpiration", "ExpirationTokens",
        "SetAbsoluteExpiration", "SetSlidingExpiration", "AddExpirationToken");

    private static readonly ImmutableHashSet<string> NeutralMembers = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Value", "SetValue", "Key", "Priority", "SetPriority", "PostEvictionCallbacks", "RegisterPostEvictionCallback", "Dispose");

    private readonly CacheEntryFacts _facts;
    private readonly IInvocationOperation _invocation;
    private readonly CancellationToken _cancellationToken;
    private readonly Lazy<CacheBound> _bound;
    private readonly Lazy<bool> _hasBoundedKey;
    private readonly Lazy<(Evidence Size, Evidence Expiration)> _evidence;

    private CacheWrite(CacheEntryFacts facts, IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        _facts = facts;
        _invocation = invocation;
        _cancellationToken = cancellationToken;

        // OPS0004 and OPS0005 judge the same write objects: each answer is worked out once, for whichever asks first.
        // PublicationOnly: a cancelled first attempt is not remembered, the next caller works it out again.
        _bound = new Lazy<CacheBound>(() => _facts.BoundOf(_invocation.GetReceiverOrThisArgument(), _cancellationToken), LazyThreadSafetyMode.PublicationOnly);
        _hasBoundedKey = new Lazy<bool>(() => CacheKeys.IsBounded(Argument(Name == "CreateEntry" ? 0 : 1)), LazyThreadSafetyMode.PublicationOnly);
        _evidence = new Lazy<(Evidence Size, Evidence Expiration)>(
            () => Name switch
            {
                "Set" => InspectSet(),
                "CreateEntry" => InspectUses(_invocation),
                _ => InspectGetOrCreate(),
            },
            LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>A cheap first filter on the invoked method's name, before any symbol comparison.</summary>
    public static bool IsCandidateName(string name) => name is "Set" or "GetOrCreate" or "GetOrCreateAsync" or "CreateEntry";

    /// <summary>Null when the invocation is not a write into a memory cache.</summary>
    public static CacheWrite? TryCreate(CacheEntryFacts facts, IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        switch (method.Name)
        {
            case "Set" or "GetOrCreate" or "GetOrCreateAsync" when SymbolEqualityComparer.Default.Equals(method.ContainingType, facts.CacheExtensions):
            case "CreateEntry" when facts.IsCacheType(method.ContainingType):
                return new CacheWrite(facts, invocation, cancellationToken);
            default:
                return null;
        }
    }

    public CacheBound Bound => _bound.Value;

    public Location Location => _invocation.GetNameLocation();

    public bool HasBoundedKey => _hasBoundedKey.Value;

    private string Name => (_invocation.TargetMethod.ReducedFrom ?? _invocation.TargetMethod).Name;

    public (Evidence Size, Evidence Expiration) Inspect() => _evidence.Value;

    private (Evidence Size, Evidence Expiration) InspectSet()
    {
        var last = Argument(3);
        if (last is null)
        {
            return (Evidence.Missing, Evidence.Missing);
        }

        return last.Type?.Name switch
        {
            "DateTimeOffset" or "TimeSpan" or "IChangeToken" => (Evidence.Missing, Evidence.Present),
            _ => InspectOptions(last),
        };
    }

    private (Evidence Size, Evidence Expiration) InspectGetOrCreate()
    {
        var (size, expiration) = Argument(3) is { } createOptions ? InspectOptions(createOptions) : (Evidence.Missing, Evidence.Missing);
        if (Argument(2)?.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
            || lambda.Symbol.Parameters.Length != 1)
        {
            return (Evidence.Unknown, Evidence.Unknown);
        }

        var (entrySize, entryExpiration) = InspectReferences(lambda.Symbol.Parameters[0], lambda.Body);
        return (Combine(size, entrySize), Combine(expiration, entryExpiration));
    }

    private static Evidence Combine(Evidence fromOptions, Evidence fromEntry)
        => fromOptions == Evidence.Present || fromEntry == Evidence.Present ? Evidence.Present
            : fromOptions == Evidence.Unknown || fromEntry == Evidence.Unknown ? Evidence.Unknown
            : Evidence.Missing;

    /// <summary>An entry options value: built inline, a local of the same body, or a readonly member of the type.</summary>
    private (Evidence Size, Evidence Expiration) InspectOptions(IOperation value)
    {
        value = value.WalkDownConversions();
        switch (value)
        {
            case ILocalReferenceOperation local:
                return InspectLocalOptions(local);
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                return InspectMemberOptions(field.OriginalDefinition);
            case IPropertyReferenceOperation { Property: { SetMethod: null, Parameters.IsEmpty: true } property }:
                return InspectMemberOptions(property.OriginalDefinition);
            default:
                return InspectOptionsValue(value);
        }
    }

    /// <summary><c>new MemoryCacheEntryOptions { … }</c>, optionally followed by fluent <c>Set…</c> calls.</summary>
    private (Evidence Size, Evidence Expiration) InspectOptionsValue(IOperation? value)
    {
        var size = Evidence.Missing;
        var expiration = Evidence.Missing;
        value = value?.WalkDownConversions();
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

        if (value is not IObjectCreationOperation creation || _facts.EntryOptions is null || !SymbolEqualityComparer.Default.Equals(creation.Type, _facts.EntryOptions))
        {
            return (Evidence.Unknown, Evidence.Unknown);
        }

        foreach (var member in creation.Initializer?.Initializers ?? [])
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property })
            {
                Record(property.Property.Name, ref size, ref expiration);
            }
            else
            {
                expiration = Evidence.Present; // ExpirationTokens = { … } collection initializer
            }
        }

        return (size, expiration);
    }

    private (Evidence Size, Evidence Expiration) InspectMemberOptions(ISymbol member)
    {
        (Evidence Size, Evidence Expiration)? combined = null;
        foreach (var value in MemberValues.Of(_facts.Compilation, member, _cancellationToken))
        {
            var evidence = InspectOptionsValue(value);
            combined = combined is null || combined == evidence ? evidence : (Evidence.Unknown, Evidence.Unknown);
        }

        return combined ?? (Evidence.Unknown, Evidence.Unknown);
    }

    /// <summary><c>var options = new MemoryCacheEntryOptions(); options.SetSize(1); cache.Set(k, v, options);</c></summary>
    private (Evidence Size, Evidence Expiration) InspectLocalOptions(ILocalReferenceOperation reference)
    {
        var root = Root(reference);
        IOperation? initial = null;
        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
            {
                initial = declarator.GetVariableInitializer()?.Value;
                break;
            }
        }

        if (initial is null)
        {
            return (Evidence.Unknown, Evidence.Unknown);
        }

        var (size, expiration) = InspectOptionsValue(initial);
        if (size == Evidence.Unknown)
        {
            return (size, expiration);
        }

        var (laterSize, laterExpiration) = InspectReferences(reference.Local, root);
        return (Combine(size, laterSize), Combine(expiration, laterExpiration));
    }

    /// <summary>
    /// Every use of an entry (a factory's parameter, a <c>CreateEntry</c> local) or an options local: member
    /// assignments and calls, fluent chains included. Being handed to the write itself is neutral; being handed
    /// anywhere else or reassigned makes the answer unknown.
    /// </summary>
    private (Evidence Size, Evidence Expiration) InspectReferences(ISymbol symbol, IOperation scope)
    {
        var size = Evidence.Missing;
        var expiration = Evidence.Missing;
        foreach (var operation in scope.Descendants())
        {
            var isReference = operation switch
            {
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol) && !local.IsDeclaration,
                _ => false,
            };
            if (isReference && !Follow(operation, ref size, ref expiration))
            {
                return (Evidence.Unknown, Evidence.Unknown);
            }
        }

        return (size, expiration);
    }

    /// <summary>An entry created in place: <c>using var entry = cache.CreateEntry(key); entry.Size = 1; …</c>.</summary>
    private (Evidence Size, Evidence Expiration) InspectUses(IInvocationOperation creation)
    {
        if (creation.WalkUpConversions() is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return InspectReferences(declarator.Symbol, Root(creation));
        }

        var size = Evidence.Missing;
        var expiration = Evidence.Missing;
        return Follow(creation, ref size, ref expiration) ? (size, expiration) : (Evidence.Unknown, Evidence.Unknown);
    }

    /// <summary>Follows one use up through property accesses and fluent calls; false when it goes out of sight.</summary>
    private bool Follow(IOperation use, ref Evidence size, ref Evidence expiration)
    {
        var current = use;
        while (true)
        {
            IInvocationOperation call;
            switch (current.WalkUpConversions())
            {
                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance?.WalkDownConversions(), current):
                    Record(property.Property.Name, ref size, ref expiration);
                    return true;
                case IInvocationOperation instanceCall when ReferenceEquals(instanceCall.Instance?.WalkDownConversions(), current):
                    call = instanceCall;
                    break;
                case IArgumentOperation { Parent: IInvocationOperation argumentCall } argument when ReferenceEquals(argument.Value.WalkDownConversions(), current):
                    if (ReferenceEquals(argumentCall, _invocation))
                    {
                        return true;
                    }

                    if (!argumentCall.TargetMethod.IsExtensionMethod || argument.Parameter?.Ordinal != 0)
                    {
                        return false;
                    }

                    call = argumentCall;
                    break;
                case IUsingOperation or IUsingDeclarationOperation or IExpressionStatementOperation or IVariableInitializerOperation:
                    return true;
                default:
                    return false;
            }

            if (call.TargetMethod.Name == "SetOptions" || !Record(call.TargetMethod.Name, ref size, ref expiration))
            {
                return false;
            }

            if (call.Type?.Name is not ("ICacheEntry" or "MemoryCacheEntryOptions"))
            {
                return true;
            }

            current = call;
        }
    }

    private static bool Record(string name, ref Evidence size, ref Evidence expiration)
    {
        if (name is "Size" or "SetSize")
        {
            size = Evidence.Present;
            return true;
        }

        if (ExpirationMembers.Contains(name))
        {
            expiration = Evidence.Present;
            return true;
        }

        return NeutralMembers.Contains(name);
    }

    private static IOperation Root(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root;
    }

    private IOperation? Argument(int ordinal)
    {
        foreach (var argument in _invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
