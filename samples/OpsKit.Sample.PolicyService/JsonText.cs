using System.Text.Json;

namespace OpsKit.Sample.PolicyService;

/// <summary>
/// Whether JSON strings are text PostgreSQL accepts: no NUL (text and jsonb refuse it), no unpaired surrogate, and
/// valid UTF-8 underneath (reading a string with invalid UTF-8 throws, which counts as invalid).
/// </summary>
internal static class JsonText
{
    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    public static bool IsValid(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => IsValid(element.GetString()),
                JsonValueKind.Object => element.EnumerateObject().All(p => IsValid(p.Name) && IsValid(p.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(IsValid),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
