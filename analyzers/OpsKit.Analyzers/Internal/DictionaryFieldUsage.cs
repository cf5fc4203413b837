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

    /// <summary>Written with keys that visibly come from requests, and never bounded.</summary>
    public bool Grows => !_bounded && _perRequest;

    /// <summary>Whether more references cannot change the answer (something already bounds the field).</summary>
    public bool IsSettled => _bounded;

    public void MarkWrite(KeyOrigin origin)
    {
        if (origin == KeyOrigin.PerRequest)
        {
            _perRequest = true;
        }
    }

    public void MarkBounded() => _bounded = true;

    /// <summary>Records what one reference does to the field.</summary>
    public void Record(IFieldReferenceOperation reference, bool inInitialization)
    {
        var usage = this;
        switch (reference.WalkUpConversions())
        {
            case IInvocationOperation invocation when ReferenceEquals(invocation.Instance?.WalkDownConversions(), reference):
                OnCall(usage, invocation, invocation.TargetMethod.Name, invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null, inInitialization);
                break;
            case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } extension }:
                // CollectionExtensions.GetValueOrDefault/TryAdd/Remove and a project's own GetOrAdd helpers.
                OnCall(usage, extension, extension.TargetMethod.Name, extension.Arguments.Length > 1 ? extension.Arguments[1].Value : null, inInitialization);
                break;
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance?.WalkDownConversions(), reference):
                if (property.Property.IsIndexer)
                {
                    if (property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
                    {
                        if (!inInitialization)
                        {
                            usage.MarkWrite(ClassifyKey(property.Arguments.Length > 0 ? property.Arguments[0].Value : null, property));
                        }
                    }
                }
                else if (property.Property.Name is "Count" or "IsEmpty")
                {
                    usage.MarkBounded(); // a size check is a bound the rule cannot evaluate
                }

                break;
            case IAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                if (!inInitialization)
                {
                    usage.MarkBounded(); // replaced by a new instance: a reset
                }

                break;
            case IForEachLoopOperation or ILockOperation or IMemberReferenceOperation or IInvocationOperation or INameOfOperation:
                break;
            default:
                // Handed to another method, returned, aliased, captured by ref: the rule cannot see what happens.
                usage.MarkBounded();
                break;
        }
    }

    private static void OnCall(DictionaryFieldUsage usage, IInvocationOperation invocation, string name, IOperation? key, bool inInitialization)
    {
        switch (name)
        {
            case "GetOrAdd" or "AddOrUpdate" or "Add" or "TryAdd":
                if (!inInitialization)
                {
                    usage.MarkWrite(ClassifyKey(key, invocation));
                }

                break;
            case "TryGetValue" or "ContainsKey" or "GetValueOrDefault":
                break;
            default:
                if (invocation.TargetMethod.IsExtensionMethod || name is "Remove" or "TryRemove" or "Clear" or "TryUpdate" or "TrimExcess" or "EnsureCapacity")
                {
                    usage.MarkBounded(); // a removal, or a helper the rule cannot see into
                }

                break;
        }
    }

    private static KeyOrigin ClassifyKey(IOperation? key, IOperation write)
    {
        var body = ConnectionLifetime.BodyOf(write);
        var origin = DictionaryKeyFacts.Classify(key, body);
        return origin != KeyOrigin.Bounded && IsGuardedByKnownSet(key, body) ? KeyOrigin.Bounded : origin;
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
