using System.Globalization;
using System.Text;

namespace OpsKit.Samples;

/// <summary>
/// Client-supplied text (paths, names, JSON fields) made safe for a log line: control characters (newlines, escape
/// sequences, NUL) and Unicode line/paragraph separators become <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\uXXXX</c>, so a
/// value can neither start a forged console line nor drive the terminal. Linked into each sample that logs such text.
/// </summary>
internal static class LogText
{
    /// <summary>Longest value logged; the rest is replaced by "…" so one request cannot write megabytes of log.</summary>
    public const int MaxLength = 512;

    public static string Escape(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var text = value.Length > MaxLength ? value[..MaxLength] : value;
        if (!text.Any(NeedsEscape) && text.Length == value.Length)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append(@"\n"),
                '\r' => escaped.Append(@"\r"),
                '\t' => escaped.Append(@"\t"),
                _ when NeedsEscape(c) => escaped.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }

        return text.Length == value.Length ? escaped.ToString() : escaped.Append('…').ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
