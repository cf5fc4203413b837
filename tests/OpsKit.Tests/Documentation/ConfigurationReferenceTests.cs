using System.Reflection;
using System.Text.RegularExpressions;
using OpsKit.Health;

namespace OpsKit.Tests.Documentation;

/// <summary>
/// docs/configuration.md lists every public property of OpsKit's public options types under its configuration key,
/// and every key in its tables is a property. Each options type has a section whose heading names it in backticks;
/// the rows of that section's tables start with the key in backticks.
/// </summary>
public sealed partial class ConfigurationReferenceTests
{
    /// <summary>
    /// Where each options type binds from (the binders in src/**/Internal/*Binder*, BindConfiguration calls and
    /// CheckNames.SectionPath). Code-only types have the empty prefix: their rows name the property alone.
    /// </summary>
    private static readonly Dictionary<string, string[]> Prefixes = new(StringComparer.Ordinal)
    {
        ["OpsHealthOptions"] = ["OpsKit:Health:"],
        ["OpsHealthPathOptions"] = ["OpsKit:Health:Paths:"],
        ["OpsProbeListenerOptions"] = ["OpsKit:Health:Probes:"],
        ["OpsHealthGroupOptions"] = ["OpsKit:Health:Groups:<name>:"],
        ["OpsHealthCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["DiskSpaceCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["ProcessMemoryCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["ProcessCpuCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["FileDescriptorsCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["ThreadPoolCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["CertificateCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["DirectoryCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["FilePermissionsCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["FreshnessCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["HttpDependencyCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["TcpDependencyCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["ClockSkewCheckOptions"] = ["OpsKit:Health:Checks:<name>:"],
        ["OpsNpgsqlOptions"] = [""],
        ["PostgresCheckOptions"] = ["OpsKit:Health:Checks:postgres:"],
        ["PostgresPoolCheckOptions"] = ["OpsKit:Health:Checks:postgres.pool:"],
        ["PostgresConnectionsCheckOptions"] = ["OpsKit:Health:Checks:postgres.connections:"],
        ["PostgresTransactionsCheckOptions"] = ["OpsKit:Health:Checks:postgres.transactions:"],
        ["PostgresReplicationCheckOptions"] = ["OpsKit:Health:Checks:postgres.replication:"],
        ["OpsRedisOptions"] = [""],
        ["RedisCheckOptions"] = ["OpsKit:Health:Checks:redis:"],
        ["RedisMemoryCheckOptions"] = ["OpsKit:Health:Checks:redis.memory:"],
        ["RedisLocksCheckOptions"] = ["OpsKit:Health:Checks:redis.locks:"],
        ["OpsRedisLockOptions"] = ["OpsKit:Redis:Lock:"],
        ["OpsRedisRateLimiterOptions"] = ["OpsKit:Redis:RateLimiting:<policy>:", ""],
        ["OpsTelemetryOptions"] = ["OpsKit:Telemetry:"],
        ["OpsResiliencePipelineOptions"] = ["OpsKit:Resilience:Pipelines:<name>:"],
        ["OpsRetryOptions"] = ["OpsKit:Resilience:Pipelines:<name>:Retry:"],
        ["OpsCircuitBreakerOptions"] = ["OpsKit:Resilience:Pipelines:<name>:CircuitBreaker:"],
        ["OpsResilienceEndpointOptions"] = ["OpsKit:Resilience:Pipelines:<name>:Endpoints:<index>:"],
        ["OpsHttpConnectionOptions"] = ["OpsKit:Resilience:Pipelines:<name>:Connection:"],
        ["OpsChaosOptions"] = ["OpsKit:Resilience:Pipelines:<name>:Chaos:"],
        ["OpsMemoryCacheOptions"] = ["OpsKit:Caching:<cache>:"],
        ["OpsDiskCacheBoundOptions"] = ["OpsKit:Caching:Disk:<cache>:"],
        ["OpsSecurityOptions"] = ["OpsKit:Security:"],
        ["OpsSloOptions"] = [""],
        ["OpsSloObjectiveOptions"] = ["OpsKit:Slo:<name>:"],
        ["OpsSloLatencyOptions"] = ["OpsKit:Slo:<name>:Latency:"],
        ["OpsSloLatencyTargetOptions"] = ["OpsKit:Slo:<name>:Latency:P50:", "OpsKit:Slo:<name>:Latency:P95:", "OpsKit:Slo:<name>:Latency:P99:"],
        ["OpsSloRatioOptions"] = ["OpsKit:Slo:<name>:ErrorRate:", "OpsKit:Slo:<name>:Availability:"],
        ["OpsSloErrorOptions"] = ["OpsKit:Slo:<name>:Errors:"],
    };

    [Fact]
    public void Every_public_options_type_has_a_documented_prefix_and_section()
    {
        var sections = Sections();
        var missing = OptionsTypes()
            .Where(t => !Prefixes.ContainsKey(t.Name) || !sections.ContainsKey(t.Name))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(missing.Count == 0, "options types without a section in docs/configuration.md (heading naming the type in backticks): " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_public_property_of_an_options_type_has_a_row_under_its_key()
    {
        var sections = Sections();
        var missing = new List<string>();
        foreach (var type in OptionsTypes().Where(t => sections.ContainsKey(t.Name)))
        {
            var documented = sections[type.Name].Select(key => PropertyOf(type, key)).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(Properties(type).Where(p => !documented.Contains(p.Name)).Select(p => $"{type.Name}.{p.Name} ({Prefixes[type.Name][0]}{p.Name})"));
        }

        Assert.True(missing.Count == 0, "properties missing from docs/configuration.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_documented_key_is_a_property_of_its_options_type()
    {
        var types = OptionsTypes().ToDictionary(t => t.Name, StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var (typeName, keys) in Sections())
        {
            if (!types.TryGetValue(typeName, out var type))
            {
                wrong.AddRange(keys.Select(k => $"{k} (section names unknown type {typeName})"));
                continue;
            }

            var properties = Properties(type).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            wrong.AddRange(keys.Where(k => PropertyOf(type, k) is not { } name || !properties.Contains(name)).Select(k => $"{k} ({typeName})"));
        }

        Assert.True(wrong.Count == 0, "keys in docs/configuration.md that are not properties under their prefix: " + string.Join(", ", wrong));
    }

    [Fact]
    public void Every_table_row_of_the_reference_belongs_to_an_options_section()
    {
        var orphans = new List<string>();
        string? current = null;
        var names = OptionsTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(DocPath()))
        {
            if (line.StartsWith('#'))
            {
                current = TypeInHeading(line, names);
            }
            else if (current is null && KeyRow().Match(line) is { Success: true } row)
            {
                orphans.Add(row.Groups["key"].Value);
            }
        }

        Assert.True(orphans.Count == 0, "rows outside a section that names an options type: " + string.Join(", ", orphans));
    }

    /// <summary>The property a documented key names: the key minus the type's prefix, minus trailing placeholders.</summary>
    private static string? PropertyOf(Type type, string key)
    {
        foreach (var prefix in Prefixes.GetValueOrDefault(type.Name) ?? [])
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var segments = key[prefix.Length..].Split(':');
            var rest = segments.Skip(1).ToList();
            if (segments[0].Length > 0 && rest.All(s => s.StartsWith('<') && s.EndsWith('>')))
            {
                return segments[0];
            }
        }

        return null;
    }

    /// <summary>
    /// Public instance properties the binder or code can set; a derived check type documents its own and those of an
    /// abstract base such as <see cref="OpsRatioCheckOptions"/>, not the common ones of <see cref="OpsHealthCheckOptions"/>.
    /// </summary>
    private static IEnumerable<PropertyInfo> Properties(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return type != typeof(OpsHealthCheckOptions) && typeof(OpsHealthCheckOptions).IsAssignableFrom(type)
            ? properties.Where(p => p.DeclaringType != typeof(OpsHealthCheckOptions))
            : properties;
    }

    private static IEnumerable<Type> OptionsTypes() =>
        new[] { typeof(OpsHealthOptions).Assembly, typeof(OpsKit.Npgsql.OpsNpgsqlOptions).Assembly, typeof(OpsKit.Redis.OpsRedisOptions).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    /// <summary>Keys of the table rows under each heading that names an options type.</summary>
    private static Dictionary<string, List<string>> Sections()
    {
        var names = OptionsTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in File.ReadLines(DocPath()))
        {
            if (line.StartsWith('#'))
            {
                current = TypeInHeading(line, names);
                if (current is not null)
                {
                    sections.TryAdd(current, []);
                }
            }
            else if (current is not null && KeyRow().Match(line) is { Success: true } row)
            {
                sections[current].Add(row.Groups["key"].Value);
            }
        }

        return sections;
    }

    private static string? TypeInHeading(string heading, HashSet<string> names) =>
        Backticked().Matches(heading).Select(m => m.Groups["name"].Value).FirstOrDefault(names.Contains);

    private static string DocPath() => RepositoryPaths.Combine("docs", "configuration.md");

    [GeneratedRegex(@"^\| `(?<key>[^`]+)` \|")]
    private static partial Regex KeyRow();

    [GeneratedRegex(@"`(?<name>[A-Za-z]+)`")]
    private static partial Regex Backticked();
}
