namespace OpsKit.Health.Checks.Internal;

/// <summary>Unhealthy when the file (or the newest file of a directory) was last written longer than <c>MaxAge</c> ago.</summary>
internal sealed class FreshnessCheck(FreshnessCheckOptions options, TimeProvider? time = null) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "freshness";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = options.Path!;
        var maxAge = options.MaxAge!.Value;
        var data = new Dictionary<string, object> { ["path"] = path, ["max_age_seconds"] = maxAge.TotalSeconds };
        DateTime? newest;
        try
        {
            newest = Newest(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(CheckResults.FromException(ex, data, $"cannot read {path}"));
        }

        if (newest is null)
        {
            return Task.FromResult(CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Threshold,
                $"no file found at {path}", data));
        }

        var age = _time.GetUtcNow().UtcDateTime - newest.Value;
        data["last_write"] = new DateTimeOffset(newest.Value, TimeSpan.Zero);
        data["age_seconds"] = CheckResults.Round(age.TotalSeconds, 1);
        if (age > maxAge)
        {
            return Task.FromResult(CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Threshold,
                $"newest file at {path} is {age.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s old, older than MaxAge {maxAge}", data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"newest file at {path} is {age.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s old", data));
    }

    private static DateTime? Newest(string path)
    {
        if (File.Exists(path))
        {
            return File.GetLastWriteTimeUtc(path);
        }

        if (!Directory.Exists(path))
        {
            return null;
        }

        DateTime? newest = null;
        foreach (var file in new DirectoryInfo(path).EnumerateFiles())
        {
            if (newest is null || file.LastWriteTimeUtc > newest)
            {
                newest = file.LastWriteTimeUtc;
            }
        }

        return newest;
    }
}
