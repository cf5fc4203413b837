using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// What configuration an options type accepts, read from the type itself (so the known keys never drift from the
/// properties the binder fills): a single value, a list, a dictionary keyed by name, or a section of named keys.
/// </summary>
internal static class ConfigurationShape
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> s_keys = new();

    /// <summary>A type the binder converts from one string (numbers, flags, enums, durations, URLs, text).</summary>
    public static bool IsValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(Uri)
            || (type != typeof(object) && !type.IsArray && !type.IsInterface && TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string)));
    }

    /// <summary>The value type of a dictionary keyed by string, or null.</summary>
    public static Type? DictionaryValue(Type type) =>
        Generic(type, typeof(IDictionary<,>)) is { } dictionary && dictionary[0] == typeof(string) ? dictionary[1]
        : Generic(type, typeof(IReadOnlyDictionary<,>)) is { } readOnly && readOnly[0] == typeof(string) ? readOnly[1]
        : null;

    /// <summary>The element type of an array, list or set, or null.</summary>
    public static Type? ListElement(Type type) =>
        type.IsArray ? type.GetElementType()
        : type == typeof(string) || DictionaryValue(type) is not null ? null
        : Generic(type, typeof(IEnumerable<>))?[0];

    /// <summary>The public properties the binder can fill, by case-insensitive key.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Keys(Type type) =>
        s_keys.GetOrAdd(type, static t => t
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase));

    private static Type[]? Generic(Type type, Type definition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type.GetGenericArguments();
        }

        return type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?
            .GetGenericArguments();
    }
}
