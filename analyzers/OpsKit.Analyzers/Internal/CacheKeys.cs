using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>Whether a cache key can take only a few values (OPS0005 does not report writes under such keys).</summary>
internal static class CacheKeys
{
    /// <summary>
    /// A key whose values cannot grow: a constant, a type or a type's name, an enum or a bool, a name parameter the
    /// function falls back to a type's name for, or a key helper of the same type applied to such values.
    /// </summary>
    public static bool IsBounded(IOperation? key, int depth = 0)
    {
        key = key?.WalkDownConversions();
        return key switch
        {
            null => false,
            { ConstantValue.HasValue: true } => true,
            ITypeOfOperation or INameOfOperation => true,
            IPropertyReferenceOperation { Property.Name: "FullName" or "Name" or "AssemblyQualifiedName", Instance: { } instance } => instance.WalkDownConversions() is ITypeOfOperation,
            IParameterReferenceOperation parameter when FallsBackToATypeName(parameter) => true,
            IInvocationOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: > 0 } helper when depth < 2
                && SymbolEqualityComparer.Default.Equals(helper.TargetMethod.ContainingType?.OriginalDefinition, ContainingTypeOf(helper)) => AllArgumentsBounded(helper, depth),
            _ => key.Type is { TypeKind: TypeKind.Enum } or { SpecialType: SpecialType.System_Boolean } || key.Type?.ToDisplayString() == "System.Type",
        };
    }

    private static bool AllArgumentsBounded(IInvocationOperation helper, int depth)
    {
        foreach (var argument in helper.Arguments)
        {
            if (!IsBounded(argument.Value, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static INamedTypeSymbol? ContainingTypeOf(IOperation operation)
        => operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart)?.ContainingType?.OriginalDefinition;

    /// <summary>
    /// <c>name ??= KeyFor(typeof(T));</c>: a name the caller may give and that otherwise is a type's name. Such a
    /// parameter names one of the types (settings, options) the API knows, not a per-request value.
    /// </summary>
    private static bool FallsBackToATypeName(IParameterReferenceOperation parameter)
    {
        IOperation body = parameter;
        while (body.Parent is not null)
        {
            body = body.Parent;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is ICoalesceAssignmentOperation { Target: IParameterReferenceOperation target } fallback
                && SymbolEqualityComparer.Default.Equals(target.Parameter, parameter.Parameter))
            {
                foreach (var part in fallback.Value.DescendantsAndSelf())
                {
                    if (part is ITypeOfOperation)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
