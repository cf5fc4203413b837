using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>Where the key written into a dictionary comes from, ordered by how likely it is to grow without bound.</summary>
internal enum KeyOrigin
{
    /// <summary>Constants, type and member names, cultures, this object's own configured state.</summary>
    Bounded = 0,

    /// <summary>Data handed in by the caller with nothing that says what it is.</summary>
    Open = 1,

    /// <summary>Data that names a user, session, customer, device, request or tenant, or that embeds a time stamp or a fresh Guid.</summary>
    PerRequest = 2,
}

/// <summary>
/// Judges the key and value types of a dictionary field and traces the keys written into it back to their sources.
/// Deliberately shallow (a few levels, the declaring function only): anything it cannot follow counts as <see cref="KeyOrigin.Open"/>.
/// </summary>
internal static class DictionaryKeyFacts
{
    private const int MaxDepth = 6;

    private static readonly string[] PerRequestWords =
    [
        "user", "session", "customer", "account", "tenant", "device", "visitor", "request", "order",
        "email", "phone", "token", "member", "subscriber", "player", "cart", "basket", "ticket", "recipient", "remote",
    ];

    /// <summary>Keys drawn from a small, fixed set: enums, booleans, reflection objects, cultures, and tuples of those.</summary>
    public static bool IsBoundedKeyType(ITypeSymbol key)
    {
        if (key.TypeKind is TypeKind.Enum or TypeKind.TypeParameter
            || key.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_Byte or SpecialType.System_SByte)
        {
            return true;
        }

        if (IsReflectionOrCulture(key))
        {
            return true;
        }

        if (key is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            // (Type, string) and similar member caches: a reflection element bounds the whole key.
            var anyReflection = false;
            var allBounded = true;
            foreach (var element in tuple.TupleElements)
            {
                anyReflection |= IsReflectionOrCulture(element.Type);
                allBounded &= IsBoundedKeyType(element.Type);
            }

            return anyReflection || allBounded;
        }

        return false;
    }

    /// <summary>Per-id lock pools and name-to-type maps: bounded by what the process can lock or load.</summary>
    public static bool IsExemptValueType(ITypeSymbol value)
    {
        if (value.SpecialType == SpecialType.System_Object || IsReflectionOrCulture(value))
        {
            return true;
        }

        var name = value.Name;
        return name is "SemaphoreSlim" or "Semaphore" or "Mutex" or "ReaderWriterLockSlim" or "Lock" or "Monitor"
            || name.EndsWith("Lock", StringComparison.Ordinal)
            || name.EndsWith("Semaphore", StringComparison.Ordinal);
    }

    public static bool IsReflectionOrCulture(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            // The namespace is compared by its parts: this runs for every candidate field's key and value types.
            if (current.ContainingNamespace is not { IsGlobalNamespace: false } ns)
            {
                continue;
            }

            if ((IsSystem(ns) && current.Name is "Type" or "RuntimeTypeHandle")
                || (ns.Name == "Reflection" && IsSystem(ns.ContainingNamespace))
                || (ns.Name == "Globalization" && IsSystem(ns.ContainingNamespace) && current.Name is "CultureInfo" or "RegionInfo"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSystem(INamespaceSymbol? ns)
        => ns is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>Traces a key expression back to its sources inside the function <paramref name="body"/>.</summary>
    public static KeyOrigin Classify(IOperation? key, IOperation body) => Classify(key, new FunctionLocals(body), 0);

    private static KeyOrigin Classify(IOperation? key, FunctionLocals function, int depth)
    {
        if (key is null || depth > MaxDepth)
        {
            return KeyOrigin.Open;
        }

        if (key.ConstantValue.HasValue || IsReflectionOrCulture(key.Type))
        {
            return KeyOrigin.Bounded;
        }

        switch (key)
        {
            case ITypeOfOperation or INameOfOperation or IInstanceReferenceOperation or IDefaultValueOperation:
                return KeyOrigin.Bounded;
            case IConversionOperation conversion:
                return Classify(conversion.Operand, function, depth + 1);
            case IParenthesizedOperation parenthesized:
                return Classify(parenthesized.Operand, function, depth + 1);
            case IAwaitOperation awaited:
                return Classify(awaited.Operation, function, depth + 1);
            case IParameterReferenceOperation parameter:
                return Named(KeyOrigin.Open, parameter.Parameter.Name, parameter.Type);
            case ILocalReferenceOperation local:
                return Named(ClassifyLocal(local.Local, function, depth), local.Local.Name, local.Type);
            case IFieldReferenceOperation field:
                if (field.Field.IsConst || (field.Field.IsStatic && field.Field.IsReadOnly) || field.Instance is null or IInstanceReferenceOperation)
                {
                    return KeyOrigin.Bounded; // constants and this object's own (configured) state
                }

                return Named(Classify(field.Instance, function, depth + 1), field.Field.Name, field.Type);
            case IPropertyReferenceOperation property:
                if (property.Instance is null)
                {
                    return IsClock(property.Property) ? KeyOrigin.PerRequest : KeyOrigin.Bounded;
                }

                if (property.Instance is IInstanceReferenceOperation || IsReflectionOrCulture(property.Instance.Type)
                    || (property.Property.ContainingType?.Name == "Uri" && property.Property.Name is "Port" or "Scheme"))
                {
                    return KeyOrigin.Bounded; // the ports and schemes a server listens on are few
                }

                var origin = Named(Classify(property.Instance, function, depth + 1), property.Property.Name, property.Type);
                foreach (var argument in property.Arguments)
                {
                    origin = Max(origin, Classify(argument.Value, function, depth + 1));
                }

                return origin;
            case IInvocationOperation invocation:
                return ClassifyInvocation(invocation, function, depth);
            case IInterpolatedStringOperation interpolated:
                var parts = KeyOrigin.Bounded;
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation)
                    {
                        parts = Max(parts, Classify(interpolation.Expression, function, depth + 1));
                    }
                }

                return parts;
            case IBinaryOperation binary:
                return Max(Classify(binary.LeftOperand, function, depth + 1), Classify(binary.RightOperand, function, depth + 1));
            case ICoalesceOperation coalesce:
                return Max(Classify(coalesce.Value, function, depth + 1), Classify(coalesce.WhenNull, function, depth + 1));
            case IConditionalOperation conditional:
                return Max(Classify(conditional.WhenTrue, function, depth + 1), Classify(conditional.WhenFalse, function, depth + 1));
            case ITupleOperation tuple:
                var elements = KeyOrigin.Bounded;
                foreach (var element in tuple.Elements)
                {
                    elements = Max(elements, Classify(element, function, depth + 1));
                }

                return elements;
            case IObjectCreationOperation creation:
                var arguments = KeyOrigin.Bounded;
                foreach (var argument in creation.Arguments)
                {
                    arguments = Max(arguments, Classify(argument.Value, function, depth + 1));
                }

                return arguments;
            default:
                return KeyOrigin.Open;
        }
    }

    private static KeyOrigin ClassifyInvocation(IInvocationOperation invocation, FunctionLocals function, int depth)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "NewGuid" && method.ContainingType?.SpecialType == SpecialType.None && method.ContainingType.Name == "Guid")
        {
            return KeyOrigin.PerRequest; // a fresh key on every call
        }

        if (IsReflectionOrCulture(method.ReturnType))
        {
            return KeyOrigin.Bounded;
        }

        var origin = invocation.Instance is null or IInstanceReferenceOperation ? KeyOrigin.Bounded : Classify(invocation.Instance, function, depth + 1);
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.Type is { Name: "CancellationToken" })
            {
                continue; // a cancellation token is not part of the key
            }

            origin = Max(origin, Classify(argument.Value, function, depth + 1));
        }

        return origin;
    }

    /// <summary>A local's value is what is assigned to it in the function; locals with no visible assignment are open.</summary>
    private static KeyOrigin ClassifyLocal(ILocalSymbol local, FunctionLocals function, int depth)
    {
        if (function.ValuesOf(local) is not { } values)
        {
            return KeyOrigin.Open;
        }

        var origin = KeyOrigin.Bounded;
        foreach (var value in values)
        {
            origin = Max(origin, Classify(value, function, depth + 1));
        }

        return origin;
    }

    /// <summary>Raises an open origin to per-request when its name or type says it identifies a caller or a moment.</summary>
    private static KeyOrigin Named(KeyOrigin origin, string name, ITypeSymbol? type)
    {
        if (origin == KeyOrigin.Bounded)
        {
            return origin;
        }

        if (IsTimeType(type) || name is "Ticks" or "UtcTicks" || NamesARequester(name))
        {
            return KeyOrigin.PerRequest;
        }

        return origin;
    }

    private static bool NamesARequester(string name)
    {
        foreach (var word in PerRequestWords)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        // "ip", "ipAddress", "clientIp", "remoteIP": the two letters as a word of their own. ("client" alone is left
        // out: an OAuth client id is configuration.)
        return name.Equals("ip", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("ip", StringComparison.OrdinalIgnoreCase) && name.Length > 2 && char.IsUpper(name[2])
            || name.EndsWith("Ip", StringComparison.Ordinal) || name.EndsWith("IP", StringComparison.Ordinal);
    }

    private static bool IsTimeType(ITypeSymbol? type)
        => type is { Name: "DateTime" or "DateTimeOffset" or "DateOnly" } && IsSystem(type.ContainingNamespace);

    public static bool IsClock(IPropertySymbol property)
        => IsTimeType(property.ContainingType) && property.Name is "Now" or "UtcNow" or "Today";

    private static KeyOrigin Max(KeyOrigin left, KeyOrigin right) => left > right ? left : right;

    /// <summary>
    /// The values a function assigns to its locals, gathered in one walk of its body the first time a key names a
    /// local: a key traced through a chain of locals would otherwise walk the whole body once per local.
    /// </summary>
    private sealed class FunctionLocals(IOperation body)
    {
        private Dictionary<ILocalSymbol, List<IOperation>>? _values;

        /// <summary>The values assigned to the local (initializer and assignments, in order), or null when none is.</summary>
        public List<IOperation>? ValuesOf(ILocalSymbol local)
            => (_values ??= Collect(body)).TryGetValue(local, out var values) ? values : null;

        private static Dictionary<ILocalSymbol, List<IOperation>> Collect(IOperation body)
        {
            var values = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            foreach (var operation in body.Descendants())
            {
                var (local, value) = operation switch
                {
                    IVariableDeclaratorOperation declarator => (declarator.Symbol, declarator.Initializer?.Value),
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment => (target.Local, assignment.Value),
                    _ => (null, null),
                };
                if (local is not null && value is not null)
                {
                    if (!values.TryGetValue(local, out var list))
                    {
                        values.Add(local, list = []);
                    }

                    list.Add(value);
                }
            }

            return values;
        }
    }
}
