namespace OpsKit.Hosting.Internal;

/// <summary>
/// The "did you mean" of configuration errors: the known key closest to a misspelt one by edit distance
/// (case-insensitive, a swap of two neighbouring letters counting as one edit).
/// </summary>
internal static class NearestKey
{
    /// <summary>
    /// The fix to print after "is not a known key": the nearest key when it is close enough to be the intended one,
    /// otherwise the list of keys that are known there.
    /// </summary>
    public static string Hint(string key, IEnumerable<string> known, Func<string, string> display, string knownLabel = "Known keys here")
    {
        var candidates = known.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            return string.Empty;
        }

        if (Find(key, candidates) is { } nearest)
        {
            return $" Did you mean {display(nearest)}?";
        }

        return $" {knownLabel}: {string.Join(", ", candidates)}.";
    }

    /// <summary>The candidate nearest to <paramref name="key"/>, or null when none is within a third of its length (at least one edit).</summary>
    public static string? Find(string key, IEnumerable<string> candidates)
    {
        var allowed = Math.Max(1, key.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(key.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
