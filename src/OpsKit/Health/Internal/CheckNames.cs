using System.Text.RegularExpressions;

namespace OpsKit.Health.Internal;

internal static partial class CheckNames
{
    public const string ChecksSection = OpsHealthOptions.SectionName + ":Checks";

    public static readonly string[] ProbeTags = [OpsHealthTags.Live, OpsHealthTags.Ready, OpsHealthTags.Startup];

    public static string SectionPath(string name) => ChecksSection + ":" + name;

    public static bool IsValid(string? name) => name is not null && ValidName().IsMatch(name);

    public static void ThrowIfInvalid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"Health check name '{name}' is not valid: names match [a-z0-9][a-z0-9._-]* (they become metric labels and configuration keys).",
                nameof(name));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
