using System.Reflection;
using OpenTelemetry.Resources;

namespace OpsKit.Telemetry.Internal;

/// <summary>
/// <c>service.name</c>, <c>service.version</c> and <c>service.instance.id</c>. The name comes from
/// <c>OpsKit:Telemetry:ServiceName</c>, else <c>OTEL_SERVICE_NAME</c>, else the application name; attributes the
/// operator set in <c>OTEL_RESOURCE_ATTRIBUTES</c> are left alone.
/// </summary>
internal sealed class OpsResourceDetector(OpsTelemetryOptions options, IConfiguration? configuration, IHostEnvironment? environment) : IResourceDetector
{
    private static readonly string InstanceId = Guid.NewGuid().ToString();

    public Resource Detect()
    {
        var fromEnvironment = ResourceAttributeKeys(configuration?["OTEL_RESOURCE_ATTRIBUTES"]);
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        var name = options.ServiceName;
        if (string.IsNullOrWhiteSpace(name))
        {
            name = configuration?["OTEL_SERVICE_NAME"];
            if (string.IsNullOrWhiteSpace(name) && !fromEnvironment.Contains("service.name"))
            {
                name = environment?.ApplicationName ?? Assembly.GetEntryAssembly()?.GetName().Name;
            }
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            attributes["service.name"] = name;
        }

        if (!fromEnvironment.Contains("service.version") && ServiceVersion() is { } version)
        {
            attributes["service.version"] = version;
        }

        if (!fromEnvironment.Contains("service.instance.id"))
        {
            attributes["service.instance.id"] = InstanceId;
        }

        return new Resource(attributes);
    }

    private static string? ServiceVersion()
    {
        var entry = Assembly.GetEntryAssembly();
        var version = entry?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? entry?.GetName().Version?.ToString();
        // Drop SourceLink's "+commit" suffix: the version label should not change with every build of the same version.
        return version is not null && version.IndexOf('+', StringComparison.Ordinal) is > 0 and var plus ? version[..plus] : version;
    }

    private static HashSet<string> ResourceAttributeKeys(string? value)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(value))
        {
            return keys;
        }

        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                keys.Add(pair[..equals].Trim());
            }
        }

        return keys;
    }
}
