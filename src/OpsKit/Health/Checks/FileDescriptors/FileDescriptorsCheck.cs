using System.IO.Enumeration;

namespace OpsKit.Health.Checks.Internal;

/// <summary>Open descriptors (<c>/proc/self/fd</c>) vs the soft <c>RLIMIT_NOFILE</c> (<c>/proc/self/limits</c>).</summary>
internal sealed class FileDescriptorsCheck(FileDescriptorsCheckOptions options) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "filedescriptors";

    private const string FdDirectory = "/proc/self/fd";
    private const string LimitsFile = "/proc/self/limits";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(FdDirectory))
        {
            return Task.FromResult(HealthCheckResult.Healthy("file descriptors are counted on Linux only",
                new Dictionary<string, object> { ["supported"] = false }));
        }

        // Count names only: no string per entry, and no stat of each link's target (sockets, pipes, files).
        var open = 0;
        var entries = new FileSystemEnumerable<byte>(FdDirectory, static (ref FileSystemEntry _) => 0)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry _) => true,
        };
        foreach (var _ in entries)
        {
            open++;
        }

        var data = new Dictionary<string, object> { ["open"] = open };
        if (SoftLimit() is not { } limit)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{open} file descriptors open, no limit", data));
        }

        var usage = (double)open / limit;
        data["limit"] = limit;
        data["usage"] = CheckResults.Round(usage, 6);
        return Task.FromResult(Thresholds.Evaluate("file descriptor usage", usage, options.DegradedAt, options.UnhealthyAt, data, "0.######"));
    }

    internal static long? SoftLimit()
    {
        // "Max open files            1048576              1048576              files"
        foreach (var line in File.ReadLines(LimitsFile))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) && soft > 0
                ? soft
                : null;
        }

        return null;
    }
}
