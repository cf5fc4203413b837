using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Tests.Helpers;

/// <summary>Parses <c>[|code|]</c> (the rule under test) and <c>{|OPS0002:code|}</c> (an explicit id) markup.</summary>
public static class Markup
{
    public static (string Source, IReadOnlyList<(string? Id, TextSpan Span)> Spans) Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = new List<(string? Id, TextSpan Span)>();
        var open = new Stack<(string? Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, text.Length));
                i++;
            }
            else if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|' && markup.IndexOf(':', i) is var colon and > 0
                && IsId(markup.AsSpan(i + 2, colon - i - 2)))
            {
                open.Push((markup[(i + 2)..colon], text.Length));
                i = colon;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                var (id, start) = open.Pop();
                spans.Add((id, TextSpan.FromBounds(start, text.Length)));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new InvalidOperationException("Unclosed markup span.");
        }

        return (text.ToString(), spans);
    }

    private static bool Starts(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static bool IsId(ReadOnlySpan<char> candidate) => candidate.Length is > 3 and < 12 && candidate.StartsWith("OPS", StringComparison.Ordinal);
}
