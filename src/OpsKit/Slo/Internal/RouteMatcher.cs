namespace OpsKit.Slo.Internal;

/// <summary>
/// Matches a configured route group against a request's route template without allocating: a prefix at a segment
/// boundary, or, when the group contains <c>*</c>, a whole-template pattern where <c>*</c> matches any characters.
/// </summary>
internal static class RouteMatcher
{
    public static bool Matches(string group, string route)
    {
        if (group.Contains('*', StringComparison.Ordinal))
        {
            return Glob(group, route);
        }

        if (!route.StartsWith(group, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return route.Length == group.Length || group.EndsWith('/') || route[group.Length] == '/';
    }

    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
