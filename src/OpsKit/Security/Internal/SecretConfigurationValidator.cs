using System.Buffers.Text;
using System.Text;

namespace OpsKit.Security.Internal;

/// <summary>
/// Start-up checks of secret settings: signing keys long enough and random-looking, API keys neither empty nor placeholders. Messages name
/// the configuration key and the rule, never the value (not even its length in characters for API keys).
/// </summary>
internal static class SecretConfigurationValidator
{
    public static IEnumerable<string> Validate(IConfiguration configuration, OpsSecurityOptions options)
    {
        var placeholders = new HashSet<string>(options.PlaceholderValues, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Expand(configuration, options.SigningKeyPaths))
        {
            if (IsPlaceholder(value, placeholders))
            {
                yield return $"{key}: the signing key is empty or a placeholder; set a random key of at least {options.MinimumSigningKeyBits} bits.";
                continue;
            }

            var bytes = KeyBytes(key, value);
            if (bytes is null)
            {
                yield return $"{key}: the signing key is not valid base64 (ASP.NET Core's JwtBearer reads SigningKeys values as base64).";
            }
            else if (bytes.Length * 8 < options.MinimumSigningKeyBits)
            {
                yield return $"{key}: the signing key is shorter than {options.MinimumSigningKeyBits} bits; set a random key of at least {options.MinimumSigningKeyBits / 8} bytes.";
            }
            else if (HasLowVariety(bytes))
            {
                yield return $"{key}: the signing key is a repeated character, pattern or sequence, not a random key; set a random key of at least {options.MinimumSigningKeyBits} bits.";
            }
        }

        foreach (var (key, value) in Expand(configuration, options.ApiKeyPaths))
        {
            if (IsPlaceholder(value, placeholders))
            {
                yield return $"{key}: the API key is empty or a placeholder; set a real key.";
            }
        }
    }

    internal static bool IsPlaceholder(string value, HashSet<string> placeholders)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0
            || placeholders.Contains(trimmed)
            || trimmed.All(c => c is 'x' or 'X')
            || (trimmed.StartsWith('<') && trimmed.EndsWith('>'))
            || (trimmed.StartsWith("${", StringComparison.Ordinal) && trimmed.EndsWith('}'))
            || IsPaddedPlaceholder(trimmed, placeholders);
    }

    /// <summary>
    /// A placeholder repeated to pass a length rule: <c>changeme-changeme-changeme-chan</c>, <c>SECRET_SECRET_1</c>. Only
    /// the letters count, so separators, digits and a cut-off last repetition do not hide it.
    /// </summary>
    private static bool IsPaddedPlaceholder(string value, HashSet<string> placeholders)
    {
        var letters = Letters(value);
        return letters.Length > 0 && placeholders.Select(Letters).Any(p => p.Length > 0 && letters.Length >= p.Length && IsRepetitionOf(letters, p));
    }

    private static string Letters(string value) =>
        string.Concat(value.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant));

    private static bool IsRepetitionOf(string value, string unit)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != unit[i % unit.Length])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A key no random generator produces: fewer than 8 distinct bytes (<c>aaaa…</c>, 32 zero bytes), a repeated pattern
    /// (<c>abcabc…</c>), or mostly a counting sequence (<c>0123456789abcdef…</c>). A random 256-bit key has about 30
    /// distinct bytes and almost no neighbours one apart, so these rules reject no real key.
    /// </summary>
    internal static bool HasLowVariety(byte[] key)
    {
        if (key.Distinct().Count() < 8)
        {
            return true;
        }

        for (var period = 1; period <= key.Length / 2; period++)
        {
            if (key.AsSpan(period).SequenceEqual(key.AsSpan(0, key.Length - period)))
            {
                return true;
            }
        }

        var steps = 0;
        for (var i = 1; i < key.Length; i++)
        {
            if (Math.Abs(key[i] - key[i - 1]) == 1)
            {
                steps++;
            }
        }

        return steps * 2 > key.Length - 1;
    }

    private static byte[]? KeyBytes(string key, string value)
    {
        if (!key.Contains(":SigningKeys:", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(value);
        }

        var trimmed = value.Trim();
        return Base64.IsValid(trimmed) ? Convert.FromBase64String(trimmed) : null;
    }

    /// <summary>Resolves each path (a <c>*</c> segment expands to every child) to its existing (key, value) pairs.</summary>
    private static IEnumerable<(string Key, string Value)> Expand(IConfiguration configuration, IEnumerable<string> paths)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            foreach (var section in Resolve(configuration, path.Split(':')))
            {
                if (section.Value is { } value && seen.Add(section.Path))
                {
                    yield return (section.Path, value);
                }
            }
        }
    }

    private static IEnumerable<IConfigurationSection> Resolve(IConfiguration root, string[] segments)
    {
        IEnumerable<IConfiguration> current = [root];
        foreach (var segment in segments)
        {
            current = segment == "*"
                ? current.SelectMany(c => c.GetChildren())
                : current.Select(c => c.GetSection(segment));
        }

        return current.OfType<IConfigurationSection>();
    }
}
