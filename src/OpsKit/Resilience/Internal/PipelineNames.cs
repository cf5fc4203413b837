using System.Text.RegularExpressions;

namespace OpsKit.Resilience.Internal;

internal static partial class PipelineNames
{
    public static string SectionPath(string name) => OpsResiliencePipelineOptions.SectionName + ":" + name;

    public static bool IsValid(string? name) => name is not null && ValidName().IsMatch(name);

    public static void ThrowIfInvalid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"Resilience pipeline name '{name}' is not valid: names match [a-z0-9][a-z0-9._-]* (they become metric labels and configuration keys).",
                nameof(name));
        }
    }

    /// <summary>The registry key of one endpoint's breaker + attempt-timeout pipeline.</summary>
    public static string EndpointKey(string pipeline, string endpoint) => pipeline + "/" + endpoint;

    public static string DefaultEndpointName(int index) => index == 0 ? "primary" : "backup" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
