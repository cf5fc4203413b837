using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What the code does with one dictionary field, recorded one reference at a time: whether it writes keys that come from
/// requests, and whether anything bounds it (a removal, a reset, a size check, a hand-out the rule cannot follow).
/// </summary>
internal sealed class DictionaryFieldUsage
{
    private bool _perRequest;
    private bool _bounded;
    private bool _removedByKey;
    private bool _expiryStamped;

    /// <summary>
    /// Written with keys that visibly come from requests, and never bounded. A removal by key bounds the map unless its
    /// entries carry an expiry: then the code itself says entries go stale with time, and only a sweep (a removal in a
    /// loop or a callback, a reset, a size check) drops the ones no caller comes back for.
    /// </summary>
    public bool Grows => _perRequest && !_bounded && (!_removedByKey || _expiryStamped);

    /// <summary>Whether more references cannot change the answer (something already bounds the field).</summary>
    public bool IsSettled => _bounded;

    /// <summary>Whether a write so far used a key that comes from requests.</summary>
    public bool WritesPerRequest => _perRequest;

    /// <summary>A removal by key seen in the syntax of the field's own type.</summary>
    public void MarkRemovedByKey() => _removedByKey = true;

    /// <summary>Records what one reference does to the field.</summary>
    public void Record(IFieldReferenceOperation reference, bool inInitialization)
    {
        switch (reference.WalkUpConversions())
        {
            case IInvocationOperation invocation when ReferenceEquals(invocation.Instance?.WalkDownConversions(), reference):
                OnCall(invocation, invocation.TargetMethod.Name, Arguments(invocation, 0), inInitialization);
                break;
            case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } extension }:
                // CollectionExtensions.GetValueOrDefault/TryAdd/Remove and a project's own GetOrAdd helpers.
                OnCall(extension, extension.TargetMethod.Name, Arguments(extension, 1), inInitialization);
                break;
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance?.WalkDownConversions(), reference):
                if (property.Property.IsIndexer)
                {
                    if (property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
                    {
                        OnWrite(property, property.Arguments.Length > 0 ? property.Arguments[0].Value : null, [assignment.Value], inInitialization, firstValue: 0);
                    }
                }
                else if (property.Property.Name is "Count" or "IsEmpty")
                {
                    _bounded = true; // a size check is a bound the rule cannot evaluate
                }

                break;
            case IAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                if (!inInitialization)
                {
                    _bounded = true; // replaced by a new instance: a reset
                }

                break;
            case IForEachLoopOperation or ILockOperation or IMemberReferenceOperation or IInvocationOperation or INameOfOperation:
                break;
            default:
                // Handed to another method, returned, aliased, captured by ref: the rule cannot see what happens.
                _bounded = true;
                break;
        }
    }

    private static IOperation[] Arguments(IInvocationOperation invocation, int first)
    {
        var values = new IOperation[System.Math.Max(0, invocation.Arguments.Length - first)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = invocation.Arguments[first + i].Value;
        }

        return values;
    }

    private void OnCall(IInvocationOperation invocation, string name, IOperation[] arguments, bool inInitialization)
    {
        switch (name)
        {
            case "GetOrAdd" or "AddOrUpdate" or "Add" or "TryAdd":
                OnWrite(invocation, arguments.Length > 0 ? arguments[0] : null, arguments, inInitialization, firstValue: 1);
                break;
            case "TryGetValue" or "ContainsKey" or "GetValueOrDefault":
                break;
            case "Remove" or "TryRemove" when !invocation.TargetMethod.IsExtensionMethod && !IsInLoopOrCallback(invocation):
                _removedByKey = true;
                break;
            default:
                if (invocation.TargetMethod.IsExtensionMethod || name is "Remove" or "TryRemove" or "Clear" or "TryUpdate" or "TrimExcess" or "EnsureCapacity")
                {
                    _bounded = true; // a sweep, a reset, or a helper the rule cannot see into
                }

                break;
        }
    }

    private void OnWrite(IOperation write, IOperation? key, IOperation[] values, bool inInitialization, int firstValue)
    {
        if (inInitialization)
        {
            // A constructor that loads the map from a collection makes it a mirror of a store (rows read at start,
            // kept in step by later writes): its size is the store's, not the number of calls.
            _bounded |= IsInLoop(write);
            return;
        }

        var body = ConnectionLifetime.BodyOf(write);
        var origin = DictionaryKeyFacts.Classify(key, body);
        var clock = ClockUse.None;
        for (var i = firstValue; i < values.Length; i++)
        {
            clock = (ClockUse)System.Math.Max((int)clock, (int)ClockIn(values[i]));
        }

        // A time stamp per key records events (the last send, the last visit), not a value computed from the key: the
        // keys are whatever arrives, one entry per caller that ever came.
        if (origin == KeyOrigin.Open && clock != ClockUse.None)
        {
            origin = KeyOrigin.PerRequest;
        }

        _expiryStamped |= clock == ClockUse.Deadline;

        // The guard walks the whole function: it is read only for a key that would otherwise count.
        if (origin == KeyOrigin.PerRequest && !IsGuardedByKnownSet(key, body))
        {
            _perRequest = true;
        }
    }

    private enum ClockUse
    {
        None,
        Now,
        Deadline,
    }

    /// <summary>Whether the value is the clock's reading (<c>DateTime.UtcNow</c>) or a deadline computed from it (<c>UtcNow.AddMinutes(5)</c>).</summary>
    private static ClockUse ClockIn(IOperation value)
    {
        var use = ClockUse.None;
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IPropertyReferenceOperation { Instance: null } property && DictionaryKeyFacts.IsClock(property.Property))
            {
                var parent = property.WalkUpConversions();
                var isDeadline = parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }
                    || parent is IInvocationOperation { TargetMethod.Name: var name } call && ReferenceEquals(call.Instance?.WalkDownConversions(), property) && name.StartsWith("Add", System.StringComparison.Ordinal);
                use = isDeadline ? ClockUse.Deadline : (ClockUse)System.Math.Max((int)use, (int)ClockUse.Now);
            }
        }

        return use;
    }

    private static bool IsInLoop(IOperation operation)
    {
        for (var current = operation.Parent; current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; current = current.Parent)
        {
            if (current is ILoopOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInLoopOrCallback(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>if (!Known.Contains(key)) return;</c>, <c>key is "a" or "b"</c>, <c>switch (key)</c>: the function checks the
    /// key against a fixed set before writing it.
    /// </summary>
    private static bool IsGuardedByKnownSet(IOperation? key, IOperation body)
    {
        var symbol = key?.WalkDownConversions() switch
        {
            IParameterReferenceOperation parameter => (ISymbol)parameter.Parameter,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
        if (symbol is null)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "Contains" or "ContainsKey" } check
                    when check.GetReceiverOrThisArgument()?.WalkDownConversions() is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } }
                        && RefersTo(check.Arguments[check.Arguments.Length - 1].Value, symbol):
                    return true;
                case IIsPatternOperation pattern when RefersTo(pattern.Value, symbol) && pattern.Pattern is IBinaryPatternOperation or IConstantPatternOperation:
                    return true;
                case ISwitchOperation @switch when RefersTo(@switch.Value, symbol):
                    return true;
                case ISwitchExpressionOperation switchExpression when RefersTo(switchExpression.Value, symbol):
                    return true;
            }
        }

        return false;
    }

    private static bool RefersTo(IOperation value, ISymbol symbol)
        => value.WalkDownConversions() switch
        {
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
            _ => false,
        };
}
