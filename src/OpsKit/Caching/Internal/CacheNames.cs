using System.Text.RegularExpressions;

namespace OpsKit.Caching.Internal;

internal static partial class CacheNames
{
    /// <summary><c>OpsKit:Caching:Policy</c> names the endpoints' policy, so no cache may be called that.</summary>
    public const string PolicyKey = "Policy";

    /// <summary><c>OpsKit:Caching:Disk</c> holds the disk-cache bounds, so no memory cache may be called that.</summary>
    public const string DiskKey = "Disk";

    public static string SectionPath(string name) => OpsMemoryCacheOptions.SectionName + ":" + name;

    public static string CheckName(string name) => "cache." + name;

    public static void ThrowIfInvalid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Cache name '{name}' is not valid: names match [a-z0-9][a-z0-9._-]* (they become metric labels, configuration keys and URL segments).",
                nameof(name));
        }

        if (string.Equals(name, DiskKey, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Cache name '{name}' is reserved: {OpsMemoryCacheOptions.SectionName}:{DiskKey} holds the disk-cache bounds.",
                nameof(name));
        }

        if (string.Equals(name, PolicyKey, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Cache name '{name}' is reserved: {OpsMemoryCacheOptions.SectionName}:{PolicyKey} names the policy of the cache endpoints.",
                nameof(name));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
