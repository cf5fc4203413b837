using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// The directory exists (created with the configured mode when <c>Create</c> is set) and the process can write to it,
/// proven by writing, flushing and deleting a probe file: mode bits alone do not account for ACLs, read-only mounts
/// or a full disk.
/// </summary>
internal sealed class DirectoryCheck(DirectoryCheckOptions options) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "directory";

    /// <summary>The name prefix of the short-lived probe files; a disk-cache sweep of the same directory skips them.</summary>
    public const string ProbeFilePrefix = ProbeFiles.Prefix;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = options.Path!;
        var data = new Dictionary<string, object> { ["path"] = path };
        var created = false;
        if (!Directory.Exists(path))
        {
            if (!options.Create)
            {
                data["exists"] = false;
                return Task.FromResult(CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Permission,
                    $"directory {path} does not exist or access is denied", data));
            }

            try
            {
                Create(path);
                created = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                data["exists"] = false;
                return Task.FromResult(Denied(ex, $"cannot create directory {path}", data));
            }
        }

        data["exists"] = true;
        data["created"] = created;
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                data["mode"] = UnixModes.Format(File.GetUnixFileMode(path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The mode is informative only; the write probe below decides.
            }
        }

        if (options.Writable)
        {
            var probe = Path.Combine(path, ProbeFilePrefix + Guid.NewGuid().ToString("N"));
            try
            {
                using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
                {
                    stream.WriteByte(1);
                    stream.Flush(flushToDisk: true);
                }

                File.Delete(probe);
                data["writable"] = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                data["writable"] = false;
                TryDelete(probe);
                return Task.FromResult(Denied(ex, $"cannot write to directory {path}", data));
            }
        }

        return Task.FromResult(HealthCheckResult.Healthy(created ? $"directory {path} created" : $"directory {path} is usable", data));
    }

    private void Create(string path)
    {
        if (OperatingSystem.IsWindows() || !UnixModes.TryParse(options.Mode, out var mode))
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, mode);
        // The umask narrows the mode given at creation; set it exactly as configured.
        File.SetUnixFileMode(path, mode);
    }

    private static HealthCheckResult Denied(Exception ex, string what, Dictionary<string, object> data) =>
        ex is UnauthorizedAccessException
            ? CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Permission, $"{what}: permission denied", data, ex)
            : CheckResults.FromException(ex, data, what);

    private static void TryDelete(string probe)
    {
        try
        {
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing was written, or the directory denies deletion too; the result already says so.
        }
    }
}
