namespace OpsKit.Health.Checks.Internal;

/// <summary>Degraded when a path's Unix mode grants bits outside <c>MaxMode</c> (e.g. 0777 data, 0644 secret).</summary>
internal sealed class FilePermissionsCheck(FilePermissionsCheckOptions options) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "permissions";

    private const UnixFileMode DirectoryDefault = (UnixFileMode)0b111_101_000; // 0750
    private const UnixFileMode FileDefault = (UnixFileMode)0b110_100_000; // 0640

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = options.Path!;
        var data = new Dictionary<string, object> { ["path"] = path };
        if (OperatingSystem.IsWindows())
        {
            data["supported"] = false;
            return Task.FromResult(HealthCheckResult.Healthy("Unix modes do not apply on Windows", data));
        }

        UnixFileMode mode;
        bool isDirectory;
        try
        {
            isDirectory = Directory.Exists(path);
            if (!isDirectory && !File.Exists(path))
            {
                return Task.FromResult(CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Permission,
                    $"{path} does not exist or access is denied", data));
            }

            mode = File.GetUnixFileMode(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(CheckResults.FromException(ex, data, $"cannot read the mode of {path}"));
        }

        var max = UnixModes.TryParse(options.MaxMode, out var configured) ? configured : isDirectory ? DirectoryDefault : FileDefault;
        var extra = mode & ~max;
        data["mode"] = UnixModes.Format(mode);
        data["max_mode"] = UnixModes.Format(max);
        if (extra != UnixFileMode.None)
        {
            data["excess"] = UnixModes.Format(extra);
            return Task.FromResult(CheckResults.Fail(HealthStatus.Degraded, HealthErrorCategories.Permission,
                $"{path} has mode {UnixModes.Format(mode)}, wider than {UnixModes.Format(max)}", data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{path} has mode {UnixModes.Format(mode)}", data));
    }
}
