namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// The CPU quota of this process's cgroup in cores (cgroup v2 <c>cpu.max</c>, cgroup v1 <c>cpu.cfs_quota_us</c> /
/// <c>cpu.cfs_period_us</c>), the smallest along the cgroup's path. <see cref="Environment.ProcessorCount"/> rounds a
/// fractional quota up (0.5 CPU reads as 1 processor), which would halve a 0.5-CPU container's usage.
/// </summary>
/// <param name="cgroupRoot">Where the cgroup file system is mounted; tests point it at a fake tree.</param>
/// <param name="selfCgroup">The <c>/proc/self/cgroup</c> file naming this process's cgroup.</param>
internal sealed class CgroupCpuLimit(string cgroupRoot = "/sys/fs/cgroup", string selfCgroup = "/proc/self/cgroup")
{
    /// <summary>The quota in cores and where it came from (<c>cgroup_v2</c>, <c>cgroup_v1</c>), or null when there is none.</summary>
    public (double Cores, string Source)? Read()
    {
        try
        {
            if (File.Exists(Path.Combine(cgroupRoot, "cgroup.controllers")))
            {
                return Smallest(cgroupRoot, OwnPath(static line => line.StartsWith("0::", StringComparison.Ordinal)), ReadV2) is { } v2 ? (v2, "cgroup_v2") : null;
            }

            var relative = OwnPath(static line => line.Split(':') is [_, var controllers, _] && controllers.Split(',').Contains("cpu"));
            var mount = new[] { "cpu,cpuacct", "cpu" }.Select(m => Path.Combine(cgroupRoot, m)).FirstOrDefault(Directory.Exists);
            if (mount is not null && Smallest(mount, relative, ReadV1) is { } v1)
            {
                return (v1, "cgroup_v1");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>
    /// The smallest quota from the process's cgroup directory up to the mount. In a container with its own cgroup
    /// namespace the listed path does not exist under the mount, which is then the container's own cgroup.
    /// </summary>
    private static double? Smallest(string mount, string? relative, Func<string, double?> read)
    {
        var directory = relative is null ? mount : Path.Combine(mount, relative.TrimStart('/'));
        if (!Directory.Exists(directory))
        {
            directory = mount;
        }

        double? smallest = null;
        var root = Path.GetFullPath(mount);
        for (var current = Path.GetFullPath(directory); current.StartsWith(root, StringComparison.Ordinal); current = Path.GetDirectoryName(current) ?? string.Empty)
        {
            if (read(current) is { } cores && (smallest is null || cores < smallest))
            {
                smallest = cores;
            }

            if (current.Length <= root.Length)
            {
                break;
            }
        }

        return smallest;
    }

    /// <summary><c>cpu.max</c>: <c>"$MAX $PERIOD"</c>, <c>"max …"</c> for no limit.</summary>
    private static double? ReadV2(string directory) =>
        ReadText(Path.Combine(directory, "cpu.max"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var quota, var period]
            ? Cores(quota, period)
            : null;

    /// <summary><c>cpu.cfs_quota_us</c> (-1 for no limit) over <c>cpu.cfs_period_us</c>.</summary>
    private static double? ReadV1(string directory) =>
        ReadText(Path.Combine(directory, "cpu.cfs_quota_us")) is { } quota && ReadText(Path.Combine(directory, "cpu.cfs_period_us")) is { } period
            ? Cores(quota, period)
            : null;

    private static double? Cores(string quota, string period) =>
        long.TryParse(quota, NumberStyles.Integer, CultureInfo.InvariantCulture, out var q) && q > 0
        && long.TryParse(period, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0
            ? (double)q / p
            : null;

    private string? OwnPath(Func<string, bool> matches)
    {
        var line = ReadText(selfCgroup)?.Split('\n').FirstOrDefault(matches);
        return line?[(line.IndexOf(':', line.IndexOf(':') + 1) + 1)..];
    }

    private static string? ReadText(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
