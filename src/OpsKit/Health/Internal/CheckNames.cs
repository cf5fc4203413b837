using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

internal static class CheckNames
{
    public const string ChecksSection = OpsHealthOptions.SectionName + ":Checks";

    public static readonly string[] ProbeTags = [OpsHealthTags.Live, OpsHealthTags.Ready, OpsHealthTags.Startup];

    public static string SectionPath(string name) => ChecksSection + ":" + name;

    public static bool IsValid(string? name) => OpsNames.IsValid(name);

    public static void ThrowIfInvalid(string name) =>
        OpsNames.ThrowIfInvalid(name, "Health check", "metric labels and configuration keys");
}
