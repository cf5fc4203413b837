using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace OpsKit.Security.Internal;

/// <summary>
/// Start-up checks of secret settings: signing keys long enough, API keys neither empty nor placeholders. Messages name
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

            var bits = KeyBits(key, value);
            if (bits is null)
            {
                yield return $"{key}: the signing key is not valid base64 (ASP.NET Core's JwtBearer reads SigningKeys values as base64).";
            }
            else if (bits < options.MinimumSigningKeyBits)
            {
                yield return $"{key}: the signing key is shorter than {options.MinimumSigningKeyBits} bits; set a random key of at least {options.MinimumSigningKeyBits / 8} bytes.";
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
            || (trimmed.StartsWith("${", StringComparison.Ordinal) && trimmed.EndsWith('}'));
    }

    private static int? KeyBits(string key, string value)
    {
        if (!key.Contains(":SigningKeys:", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetByteCount(value) * 8;
        }

        var trimmed = value.Trim();
        return Base64.IsValid(trimmed, out var decodedLength) ? decodedLength * 8 : null;
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
