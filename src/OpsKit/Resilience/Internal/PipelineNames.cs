using OpsKit.Hosting.Internal;

namespace OpsKit.Resilience.Internal;

internal static class PipelineNames
{
    public static string SectionPath(string name) => OpsResiliencePipelineOptions.SectionName + ":" + name;

    public static bool IsValid(string? name) => OpsNames.IsValid(name);

    public static void ThrowIfInvalid(string name) =>
        OpsNames.ThrowIfInvalid(name, "Resilience pipeline", "metric labels and configuration keys");

    /// <summary>The registry key of one endpoint's breaker + attempt-timeout pipeline.</summary>
    public static string EndpointKey(string pipeline, string endpoint) => pipeline + "/" + endpoint;

    public static string DefaultEndpointName(int index) => index == 0 ? "primary" : "backup" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
