using System.Globalization;
using System.Reflection;

namespace OpsKit.Health.Internal;

/// <summary>
/// What the service's assembly says about its build: version, informational version, the commit (the SDK's
/// <c>SourceRevisionId</c>, as <c>AssemblyMetadata</c> or as the informational version's <c>+sha</c> suffix) and,
/// when the app stamps one, the build time (<c>AssemblyMetadata</c> <c>BuildTime</c>, ISO 8601).
/// </summary>
internal sealed record ServiceBuildInfo(string? Name, string? Version, string? InformationalVersion, string? Commit, DateTimeOffset? BuildTime)
{
    public static ServiceBuildInfo Of(Assembly? assembly)
    {
        if (assembly is null)
        {
            return new ServiceBuildInfo(null, null, null, null, null);
        }

        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var metadata = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Value is not null)
            .GroupBy(a => a.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().Value!, StringComparer.OrdinalIgnoreCase);
        var commit = metadata.GetValueOrDefault("SourceRevisionId");
        if (string.IsNullOrEmpty(commit) && informational?.IndexOf('+', StringComparison.Ordinal) is > 0 and var plus)
        {
            commit = informational[(plus + 1)..];
        }

        DateTimeOffset? built = metadata.TryGetValue("BuildTime", out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : null;
        return new ServiceBuildInfo(assembly.GetName().Name, assembly.GetName().Version?.ToString(), informational, commit, built);
    }

    /// <summary>The assembly named by the host's application name, else the entry assembly.</summary>
    public static Assembly? ServiceAssembly(string? applicationName)
    {
        if (!string.IsNullOrEmpty(applicationName))
        {
            try
            {
                return Assembly.Load(new AssemblyName(applicationName));
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
            {
                // An application name that is not an assembly name: fall back to the process's entry assembly.
            }
        }

        return Assembly.GetEntryAssembly();
    }
}
