using System.Collections;
using System.ComponentModel;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// Reads a configuration section against the options type that binds it: every key the type does not have (with the
/// nearest known key), every value that does not convert (with the accepted format or values), and the values that do,
/// so the binder fills the options from those alone. Messages name the key and never repeat the value: a value typed
/// under the wrong key may be a secret.
/// </summary>
internal sealed class SectionReader
{
    /// <summary>The format every OpsKit duration accepts, as the messages state it.</summary>
    public const string DurationFormat = "write hh:mm:ss, e.g. 00:00:05 for five seconds (d.hh:mm:ss for days, e.g. 1.00:00:00)";

    private readonly int _rootLength;

    private SectionReader(IConfigurationSection root) => _rootLength = root.Path.Length + 1;

    /// <summary>Configuration errors, each naming its key and the fix.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The values that convert, by path relative to the section.</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads <paramref name="section"/> as <paramref name="type"/>. <paramref name="qualifier"/> follows "is not a known
    /// key" (e.g. " of a 'disk' check"); <paramref name="alsoKnown"/> are children read by someone else.
    /// </summary>
    public static SectionReader Read(IConfigurationSection section, Type type, string qualifier = "", IEnumerable<string>? alsoKnown = null)
    {
        var reader = new SectionReader(section);
        reader.Node(section, type, qualifier, alsoKnown);
        return reader;
    }

    /// <summary>
    /// Binds the values of <paramref name="section"/> that convert onto <paramref name="target"/> (the errors are
    /// reported by the start-up validation, which reads the same section). A list or array in configuration replaces
    /// the one set in code instead of being appended to it; dictionaries merge key by key.
    /// </summary>
    public static void Bind(IConfigurationSection section, object target)
    {
        var reader = Read(section, target.GetType());
        ReplaceLists(section, target);
        new ConfigurationBuilder().AddInMemoryCollection(reader.Values).Build().Bind(target);
    }

    private void Node(IConfigurationSection section, Type type, string qualifier = "", IEnumerable<string>? alsoKnown = null)
    {
        var children = section.GetChildren().ToList();
        if (ConfigurationShape.IsValue(type))
        {
            Errors.AddRange(children.Select(child => $"{child.Path} is not a known key: {section.Path} takes a single value."));
            Value(section, type);
            return;
        }

        if (ConfigurationShape.DictionaryValue(type) is { } entry)
        {
            children.ForEach(child => Node(child, entry));
            return;
        }

        if (ConfigurationShape.ListElement(type) is { } element)
        {
            if (children.Count == 0)
            {
                // The binder ignores both silently: an empty list would leave what code set, a plain value binds nothing.
                Errors.Add(string.IsNullOrEmpty(section.Value)
                    ? $"{section.Path} is empty: list at least one item, or remove the key."
                    : $"{section.Path} is a list: set {section.Path}:0, {section.Path}:1 … (an array in JSON).");
            }

            children.ForEach(child => Node(child, element));
            return;
        }

        var keys = ConfigurationShape.Keys(type);
        var others = new HashSet<string>(alsoKnown ?? [], StringComparer.OrdinalIgnoreCase);
        if (children.Count == 0 && !string.IsNullOrEmpty(section.Value))
        {
            Errors.Add($"{section.Path} must be a section of keys ({string.Join(", ", keys.Keys.Order(StringComparer.Ordinal))}), not a single value.");
        }

        foreach (var child in children)
        {
            if (keys.TryGetValue(child.Key, out var property))
            {
                Node(child, property.PropertyType);
            }
            else if (!others.Contains(child.Key))
            {
                Errors.Add($"{child.Path} is not a known key{qualifier}."
                    + NearestKey.Hint(child.Key, keys.Keys.Concat(others), key => ConfigurationPath.Combine(section.Path, key)));
            }
        }
    }

    private void Value(IConfigurationSection section, Type type)
    {
        if (section.Value is not { } value)
        {
            return;
        }

        var underlying = Nullable.GetUnderlyingType(type);
        var target = underlying ?? type;
        var error = underlying is not null && value.Length == 0 ? null : Convert(section.Path, value, target);
        if (error is null)
        {
            Values[section.Path[_rootLength..]] = value;
        }
        else
        {
            Errors.Add(error);
        }
    }

    private static string? Convert(string path, string value, Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type == typeof(TimeSpan))
        {
            // TimeSpan.Parse reads "5" as five days: for timeouts and periods that is never what was meant, and a day
            // written as 1.00:00:00 is just as easy, so a bare number is rejected rather than guessed at.
            if (long.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out _))
            {
                return $"{path} is a bare number, which .NET reads as days: {DurationFormat}.";
            }

            return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _)
                ? null
                : $"Failed to convert configuration value at '{path}' to a duration: {DurationFormat}.";
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!)
                ? null
                : $"{path} must be one of {string.Join(", ", Enum.GetNames(type))}.";
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(value, out _) ? null : $"{path} must be true or false.";
        }

        if (TryConvert(value, type))
        {
            return null;
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => $"{path} must be a whole number.",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => $"{path} must be a number.",
            _ => $"Failed to convert configuration value at '{path}' to {type.Name}.",
        };
    }

    private static bool TryConvert(string value, Type type)
    {
        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException
            || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static void ReplaceLists(IConfigurationSection section, object target)
    {
        var type = target.GetType();
        if (ConfigurationShape.DictionaryValue(type) is { } valueType && target is IDictionary dictionary)
        {
            foreach (var child in section.GetChildren().Where(c => dictionary.Contains(c.Key)))
            {
                if (ConfigurationShape.ListElement(valueType) is not null)
                {
                    dictionary.Remove(child.Key);
                }
                else if (!ConfigurationShape.IsValue(valueType) && dictionary[child.Key] is { } entry)
                {
                    ReplaceLists(child, entry);
                }
            }

            return;
        }

        var keys = ConfigurationShape.Keys(type);
        foreach (var child in section.GetChildren())
        {
            if (!keys.TryGetValue(child.Key, out var property) || ConfigurationShape.IsValue(property.PropertyType)
                || property.GetValue(target) is not { } current)
            {
                continue;
            }

            if (ConfigurationShape.ListElement(property.PropertyType) is not { } element)
            {
                ReplaceLists(child, current);
            }
            else if (child.GetChildren().Any())
            {
                if (current is Array && property.CanWrite)
                {
                    property.SetValue(target, Array.CreateInstance(element, 0));
                }
                else if (current is IList { IsReadOnly: false, IsFixedSize: false } list)
                {
                    list.Clear();
                }
            }
        }
    }
}
