using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>Whether a cache key can take only a few values (OPS0005 does not report writes under such keys).</summary>
internal static class CacheKeys
{
    /// <summary>
    /// A key whose values cannot grow: a constant, a type or a type's name, an enum or a bool, a name the caller may
    /// give that otherwise falls back to a type's name, a key helper of the same type applied to such values, or a
    /// value the same code has just looked up in a dictionary whose keys are such values.
    /// </summary>
    public static bool IsBounded(IOperation? key, int depth = 0)
    {
        key = key?.WalkDownConversions();
        return key switch
        {
            null => false,
            { ConstantValue.HasValue: true } => true,
            ITypeOfOperation or INameOfOperation => true,
            IPropertyReferenceOperation { Property.Name: "FullName" or "Name" or "AssemblyQualifiedName", Instance: { } instance } when IsType(instance.Type) => true,
            IParameterReferenceOperation parameter when FallsBackToATypeName(parameter) => true,
            ICoalesceOperation coalesce => IsBounded(coalesce.WhenNull, depth) && (NamesAType(coalesce.WhenNull) || IsBounded(coalesce.Value, depth)),
            IInvocationOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: > 0 } helper when depth < 4
                && SymbolEqualityComparer.Default.Equals(helper.TargetMethod.ContainingType?.OriginalDefinition, ContainingTypeOf(helper)) => AllArgumentsBounded(helper, depth),
            IInvalidOperation { Syntax: InvocationExpressionSyntax } helper when depth < 4 && IsUnresolvedHelperCall(helper) => AllChildrenBounded(helper, depth),
            IFieldReferenceOperation or IPropertyReferenceOperation when depth < 2 && IsLookedUpInBoundedDictionary(key, depth) => true,
            IInvalidOperation when depth < 2 && UnresolvedMemberRead(key) is not null && IsLookedUpInBoundedDictionary(key, depth) => true,
            _ => key.Type is { TypeKind: TypeKind.Enum } or { SpecialType: SpecialType.System_Boolean } || IsType(key.Type),
        };
    }

    private static bool IsType(ITypeSymbol? type)
        => type is { Name: "Type", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>A typeof or a <c>System.Type</c> value takes part in the expression: it derives a name from a type.</summary>
    private static bool NamesAType(IOperation value)
    {
        foreach (var part in value.DescendantsAndSelf())
        {
            if (part is ITypeOfOperation || IsType(part.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>var byName = items.ToDictionary(i => KeyFor(i.Type)); … byName[row.Name] … cache.Set(row.Name, …)</c>: the
    /// same value was used, earlier in the same code, to read a dictionary built by <c>ToDictionary</c> whose key
    /// selector gives bounded keys. Reading a missing key throws, so the value is one of that dictionary's keys.
    /// </summary>
    private static bool IsLookedUpInBoundedDictionary(IOperation key, int depth)
    {
        var body = key;
        while (body.Parent is not null)
        {
            body = body.Parent;
        }

        foreach (var operation in body.Descendants())
        {
            if (DictionaryRead(operation) is var (dictionary, readKey)
                && !IsAssigned(operation)
                && Precedes(operation, key)
                && SameValue(readKey, key)
                && HasBoundedKeys(dictionary, body, depth))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>dictionary[key]</c> on a local; also when the key's type did not resolve (a package not restored yet) and the
    /// compiler binds the read as invalid, with the dictionary and the key as its two children.
    /// </summary>
    private static (ILocalSymbol Dictionary, IOperation Key)? DictionaryRead(IOperation operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: ILocalReferenceOperation local } read:
                return (local.Local, read.Arguments[0].Value);
            case IInvalidOperation { Syntax: ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access } read:
                var children = read.ChildOperations.ToImmutableArray();
                return children.Length == 2
                    && children[0] is ILocalReferenceOperation dictionary
                    && ReferenceEquals(dictionary.Syntax, access.Expression)
                    && children[1].Type is { TypeKind: TypeKind.Error }
                    ? (dictionary.Local, children[1])
                    : null;
            default:
                return null;
        }
    }

    private static bool IsAssigned(IOperation target)
        => target.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, target);

    /// <summary>The lookup runs before the key is used: it comes first in a block that also holds the key.</summary>
    private static bool Precedes(IOperation lookup, IOperation key)
    {
        var block = lookup.Parent;
        while (block is not null and not IBlockOperation)
        {
            block = block.Parent;
        }

        return block is not null && lookup.Syntax.Span.End <= key.Syntax.SpanStart && block.Syntax.Span.Contains(key.Syntax.Span);
    }

    private static bool HasBoundedKeys(ILocalSymbol dictionary, IOperation body, int depth)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, dictionary))
            {
                return declarator.GetVariableInitializer()?.Value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "ToDictionary" } build
                    && build.Arguments.Length >= 2
                    && build.Arguments[1].Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation selector }
                    && ReturnsBoundedKeys(selector, depth);
            }
        }

        return false;
    }

    private static bool ReturnsBoundedKeys(IAnonymousFunctionOperation selector, int depth)
    {
        var returned = false;
        foreach (var operation in selector.Body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } value })
            {
                if (!IsBounded(value, depth + 1))
                {
                    return false;
                }

                returned = true;
            }
        }

        return returned;
    }

    /// <summary>The same local, parameter or chain of member reads on one (<c>row.Name</c> and <c>row.Name</c>).</summary>
    private static bool SameValue(IOperation left, IOperation right)
    {
        left = left.WalkDownConversions();
        right = right.WalkDownConversions();
        return (left, right) switch
        {
            (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
            (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
            (IFieldReferenceOperation a, IFieldReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Field, b.Field) && a.Instance is { } x && b.Instance is { } y && SameValue(x, y),
            (IPropertyReferenceOperation { Arguments.IsEmpty: true } a, IPropertyReferenceOperation { Arguments.IsEmpty: true } b)
                => SymbolEqualityComparer.Default.Equals(a.Property, b.Property) && a.Instance is { } x && b.Instance is { } y && SameValue(x, y),
            (IInvalidOperation a, IInvalidOperation b) => UnresolvedMemberRead(a) is { } x && UnresolvedMemberRead(b) is { } y
                && x.Name == y.Name && SameValue(x.Instance, y.Instance),
            _ => false,
        };
    }

    /// <summary>
    /// <c>row.Name</c> on a value whose type did not resolve (a package not restored yet): the compiler binds no member,
    /// but the same name read on the same value is still the same value.
    /// </summary>
    private static (string Name, IOperation Instance)? UnresolvedMemberRead(IOperation operation)
    {
        if (operation.Syntax is not MemberAccessExpressionSyntax access)
        {
            return null;
        }

        IOperation? instance = null;
        foreach (var child in operation.ChildOperations)
        {
            if (instance is not null)
            {
                return null;
            }

            instance = child;
        }

        return instance is { Type.TypeKind: TypeKind.Error } && ReferenceEquals(instance.Syntax, access.Expression)
            ? (access.Name.Identifier.ValueText, instance)
            : null;
    }

    /// <summary>
    /// A key helper of the same type called with a value whose type did not resolve: the compiler still picks the
    /// method, but binds the call as invalid with the arguments as its children.
    /// </summary>
    private static bool IsUnresolvedHelperCall(IOperation call)
    {
        var syntax = (InvocationExpressionSyntax)call.Syntax;
        if (syntax.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
            || syntax.ArgumentList.Arguments.Count == 0
            || call.SemanticModel?.GetSymbolInfo(syntax) is not { } info
            || (info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null)) is not IMethodSymbol method)
        {
            return false;
        }

        return SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, ContainingTypeOf(call));
    }

    private static bool AllChildrenBounded(IOperation call, int depth)
    {
        foreach (var child in call.ChildOperations)
        {
            if (!IsBounded(child, depth + 1))
            {
                return false;
            }
        }

        return true;
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
