using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// For each configuration key under the listed prefixes, the provider whose value wins (the last one added that has
/// the key) and the value as it may be shown: masked for secret key names, absent for connection strings.
/// </summary>
internal static class ConfigurationProvenance
{
    /// <summary>Most keys reported; a larger configuration is cut and marked truncated.</summary>
    public const int MaxKeys = 500;

    /// <summary>Longest value shown, in characters.</summary>
    public const int MaxValueLength = 256;

    public const string ConnectionStringsPrefix = "ConnectionStrings:";

    public static readonly string[] Prefixes = ["OpsKit:", ConnectionStringsPrefix];

    public readonly record struct Entry(string Key, string Provider, string? Value);

    public static (IReadOnlyList<Entry> Entries, bool Truncated) Collect(IConfiguration configuration, HealthRedactor redactor)
    {
        var keys = configuration.AsEnumerable()
            .Where(p => p.Value is not null && Prefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Key)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var providers = configuration is IConfigurationRoot root ? root.Providers.Reverse().ToArray() : [];
        var entries = new List<Entry>(Math.Min(keys.Count, MaxKeys));
        foreach (var key in keys.Take(MaxKeys))
        {
            var value = configuration[key];
            entries.Add(new Entry(key, ProviderOf(providers, key) ?? "unknown", Shown(key, value, redactor)));
        }

        return (entries, keys.Count > MaxKeys);
    }

    /// <summary>
    /// Writes <see cref="Collect"/>'s entries as one object, <c>{"key": {"provider", "value"?}}</c>, at the writer's
    /// position; true when keys were left out.
    /// </summary>
    public static bool WriteValue(Utf8JsonWriter json, IConfiguration configuration, HealthRedactor redactor)
    {
        var (entries, truncated) = Collect(configuration, redactor);
        json.WriteStartObject();
        foreach (var entry in entries)
        {
            json.WriteStartObject(entry.Key);
            json.WriteString("provider", entry.Provider);
            if (entry.Value is not null)
            {
                json.WriteString("value", entry.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        return truncated;
    }

    /// <summary>A display name for the provider that sets <paramref name="key"/> (providers in reverse order).</summary>
    private static string? ProviderOf(IEnumerable<IConfigurationProvider> providersLastFirst, string key)
    {
        foreach (var provider in providersLastFirst)
        {
            if (provider is ChainedConfigurationProvider { Configuration: IConfigurationRoot chained })
            {
                if (ProviderOf(chained.Providers.Reverse(), key) is { } inner)
                {
                    return inner;
                }

                continue;
            }

            if (provider.TryGet(key, out _))
            {
                return DisplayName(provider);
            }
        }

        return null;
    }

    private static string DisplayName(IConfigurationProvider provider) => provider switch
    {
        FileConfigurationProvider file => file.Source.Path ?? "file",
        EnvironmentVariablesConfigurationProvider => "environment variables",
        CommandLineConfigurationProvider => "command line",
        MemoryConfigurationProvider => "in-memory",
        // The type name only: a provider's ToString() may print its connection or vault address.
        _ => provider.GetType().Name,
    };

    private static string? Shown(string key, string? value, HealthRedactor redactor)
    {
        if (value is null || key.StartsWith(ConnectionStringsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (HealthRedactor.IsSecretKey(key))
        {
            return HealthRedactor.Mask;
        }

        var shown = redactor.Redact(value);
        return shown.Length > MaxValueLength ? shown[..MaxValueLength] + "…" : shown;
    }
}
