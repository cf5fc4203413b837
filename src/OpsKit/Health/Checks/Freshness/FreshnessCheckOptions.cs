namespace OpsKit.Health.Checks;

/// <summary>
/// Options of a freshness check (<c>Type</c> <c>freshness</c>): a file, or the newest file in a directory, was written
/// within <see cref="MaxAge"/> (backups, exports, caches that a job refreshes).
/// </summary>
public sealed class FreshnessCheckOptions : OpsHealthCheckOptions
{
    /// <summary>The file, or a directory whose newest file (top level) counts. Required.</summary>
    public string? Path { get; set; }

    /// <summary>How old the newest write may be before the check is Unhealthy. Required.</summary>
    public TimeSpan? MaxAge { get; set; }
}
