using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

internal static class CacheNames
{
    /// <summary><c>OpsKit:Caching:Policy</c> names the endpoints' policy, so no cache may be called that.</summary>
    public const string PolicyKey = "Policy";

    /// <summary><c>OpsKit:Caching:Disk</c> holds the disk-cache bounds, so no memory cache may be called that.</summary>
    public const string DiskKey = "Disk";

    public static string SectionPath(string name) => OpsMemoryCacheOptions.SectionName + ":" + name;

    public static string CheckName(string name) => "cache." + name;

    public static void ThrowIfInvalid(string name)
    {
        OpsNames.ThrowIfInvalid(name, "Cache", "metric labels, configuration keys and URL segments");
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
}
