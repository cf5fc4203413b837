using System.Data.Common;
using System.Text.RegularExpressions;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// The one scrubber every health output goes through (detailed JSON, HealthChecks UI format, logs, validation
/// messages). It removes the values of secret configuration keys wherever they appear, <c>password=…</c>-style
/// pairs, the user names of connection strings, credentials in URIs and bearer tokens.
/// </summary>
internal sealed partial class HealthRedactor
{
    public const string Mask = "***";

    private const int MinimumSecretLength = 4;

    private readonly string[] _secretValues;

    public HealthRedactor(IConfiguration? configuration = null)
    {
        _secretValues = configuration is null ? [] : CollectSecretValues(configuration);
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        foreach (var secret in _secretValues)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        // Values found in one form (Password=…, user:pass@) are masked wherever else they appear in the text.
        List<string>? found = null;
        text = SecretPair().Replace(text, m => Remember(m, ref found, m.Groups["key"].Value + m.Groups["sep"].Value + Mask));
        text = UriCredentials().Replace(text, m => Remember(m, ref found, m.Groups["scheme"].Value + Mask + "@"));
        text = BearerToken().Replace(text, m => Remember(m, ref found, m.Groups["scheme"].Value + " " + Mask));

        // The user name is half of a credential. It is masked where it stands but not elsewhere: names such as
        // "postgres" are also ordinary words in the same message.
        text = UserNamePair().Replace(text, m => m.Groups["key"].Value + m.Groups["sep"].Value + Mask);
        if (found is not null)
        {
            foreach (var value in found)
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Whether the last segment of a configuration key names a secret (<c>Password</c>, <c>ApiKey</c>, <c>Token</c> …).</summary>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SecretKeyName().IsMatch(key[(key.LastIndexOf(':') + 1)..]) && !IsShellDirectoryVariable(key);
    }

    private static string Remember(Match match, ref List<string>? found, string replacement)
    {
        var value = match.Groups["value"].Value.Trim('"', '\'');
        if (value.Length >= MinimumSecretLength)
        {
            (found ??= []).Add(value);
        }

        return replacement;
    }

    // The shell's PWD/OLDPWD reach IConfiguration through the environment-variable provider; they hold directories, and
    // masking them would hide every path under the working directory.
    private static bool IsShellDirectoryVariable(string key) =>
        key.Equals("PWD", StringComparison.OrdinalIgnoreCase) || key.Equals("OLDPWD", StringComparison.OrdinalIgnoreCase);

    private static string[] CollectSecretValues(IConfiguration configuration)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (IsSecretKey(key))
            {
                Add(value);
            }

            if (key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) || value.Contains('='))
            {
                AddConnectionStringSecrets(value);
            }

            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
            {
                Add(Uri.UnescapeDataString(uri.UserInfo[(uri.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..]));
            }
        }

        // Longest first, so a secret that contains another is masked whole.
        return [.. secrets.OrderByDescending(s => s.Length)];

        void AddConnectionStringSecrets(string value)
        {
            var builder = new DbConnectionStringBuilder();
            try
            {
                builder.ConnectionString = value;
            }
            catch (ArgumentException)
            {
                return;
            }

            foreach (string name in builder.Keys)
            {
                if (SecretKeyName().IsMatch(name) && builder[name] is string secret)
                {
                    Add(secret);
                }
            }
        }

        void Add(string secret)
        {
            if (secret.Length >= MinimumSecretLength)
            {
                secrets.Add(secret);
            }
        }
    }

    [GeneratedRegex(@"(?i)(password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|signing[-_]?key|credential)")]
    private static partial Regex SecretKeyName();

    [GeneratedRegex(@"(?i)(?<key>\b(?:password|passwd|pwd|secret|client[-_]?secret|token|access[-_]?token|api[-_]?key)\b)(?<sep>\s*[=:]\s*)(?<value>""[^""]*""|'[^']*'|[^;,\s&""']+)")]
    private static partial Regex SecretPair();

    [GeneratedRegex(@"(?i)(?<key>\b(?:user\s?name|user\s?id|uid)\b)(?<sep>\s*=\s*)(?<value>""[^""]*""|'[^']*'|[^;,\s&""']+)")]
    private static partial Regex UserNamePair();

    [GeneratedRegex(@"(?i)(?<scheme>\b[a-z][a-z0-9+.-]*://)[^/\s:@]*:(?<value>[^/\s@]+)@")]
    private static partial Regex UriCredentials();

    [GeneratedRegex(@"(?i)(?<scheme>\b(?:bearer|basic))\s+(?<value>[A-Za-z0-9._~+/=-]{8,})")]
    private static partial Regex BearerToken();
}
