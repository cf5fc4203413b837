namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// How full the volume that holds a path is. <see cref="DriveInfo"/> on a path (not a drive name) asks the OS for the
/// file system containing it (statvfs on Unix); the used ratio is df's: used / (used + available to users).
/// A path that does not exist yet is measured on its nearest existing ancestor, the volume it will be created on:
/// a directory check with <c>Create</c> may create it in the same round, and whether it exists is that check's finding.
/// </summary>
internal sealed class DiskSpaceCheck(DiskSpaceCheckOptions options, SystemCheckGauges gauges) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "disk";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = options.Path!;
        var measured = NearestExisting(path);
        DriveInfo drive;
        long total, free, available;
        try
        {
            drive = new DriveInfo(measured);
            total = drive.TotalSize;
            free = drive.TotalFreeSpace;
            available = drive.AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Task.FromResult(CheckResults.FromException(ex, prefix: $"cannot read the volume of {path}"));
        }

        var used = total - free;
        var usable = used + available;
        var ratio = usable <= 0 ? 0 : (double)used / usable;
        gauges.SetDiskUsage(path, ratio);
        var data = new Dictionary<string, object>
        {
            ["path"] = path,
            ["used_ratio"] = CheckResults.Round(ratio),
            ["free_bytes"] = available,
            ["total_bytes"] = total,
        };
        if (!string.Equals(measured, path, StringComparison.Ordinal))
        {
            data["measured_path"] = measured;
        }

        var percent = (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture);
        if (options.MinFreeBytes is { } minFree && available < minFree)
        {
            return Task.FromResult(CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Threshold,
                $"{available} bytes free on the volume of {path}, less than MinFreeBytes {minFree}", data));
        }

        if (options.UnhealthyAt is { } unhealthyAt && ratio >= unhealthyAt)
        {
            return Task.FromResult(CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Threshold,
                $"volume of {path} is {percent}% used (UnhealthyAt {unhealthyAt.ToString(CultureInfo.InvariantCulture)})", data));
        }

        if (ratio >= options.DegradedAt)
        {
            return Task.FromResult(CheckResults.Fail(HealthStatus.Degraded, HealthErrorCategories.Threshold,
                $"volume of {path} is {percent}% used (DegradedAt {options.DegradedAt.ToString(CultureInfo.InvariantCulture)})", data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"volume of {path} is {percent}% used", data));
    }

    private static string NearestExisting(string path)
    {
        for (var candidate = path; candidate is not null; candidate = Path.GetDirectoryName(candidate))
        {
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        // Nothing on the path exists (a relative path under a missing directory): let DriveInfo report the path itself.
        return path;
    }
}
