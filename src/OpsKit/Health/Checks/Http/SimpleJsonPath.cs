using System.Text.Json;

namespace OpsKit.Health.Checks.Internal;

/// <summary>A small JSON path: <c>$</c>, then <c>.name</c> and <c>[index]</c> segments.</summary>
internal static class SimpleJsonPath
{
    public static bool IsValid(string path) => path.StartsWith('$') && TrySelect(default, path, validateOnly: true, out _);

    /// <summary>The value at <paramref name="path"/> as text (strings unquoted, other values as JSON); null when absent.</summary>
    public static string? Select(JsonElement root, string path) =>
        TrySelect(root, path, validateOnly: false, out var value) ? value : null;

    private static bool TrySelect(JsonElement root, string path, bool validateOnly, out string? value)
    {
        value = null;
        var current = root;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                var name = path[(i + 1)..end];
                if (name.Length == 0)
                {
                    return false;
                }

                if (!validateOnly && (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)))
                {
                    return false;
                }

                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return false;
                }

                if (!validateOnly)
                {
                    if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                    {
                        return false;
                    }

                    current = current[index];
                }

                i = end + 1;
            }
            else
            {
                return false;
            }
        }

        if (!validateOnly)
        {
            value = current.ValueKind == JsonValueKind.String ? current.GetString() : current.GetRawText();
        }

        return true;
    }
}
