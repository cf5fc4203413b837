namespace OpsKit.Caching.Internal;

/// <summary>
/// <c>cache.&lt;name&gt;</c>: Degraded when the cache is at capacity (size ≥ <c>DegradedAt</c> × <c>SizeLimit</c>) and
/// evicts for capacity faster than <c>DegradedEvictionRate</c> per second since the previous run: it is too small
/// for its working set and mostly churns. Never Unhealthy: a small cache slows a service, it does not break it.
/// </summary>
internal sealed class CacheHealthCheck(OpsMemoryCache cache) : IHealthCheck
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastRun = cache.Time.GetUtcNow();
    private long _lastCapacityEvictions;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stats = cache.GetStats();
        var now = cache.Time.GetUtcNow();
        double rate;
        lock (_gate)
        {
            var elapsed = (now - _lastRun).TotalSeconds;
            rate = elapsed > 0 ? (stats.CapacityEvictions - _lastCapacityEvictions) / elapsed : 0;
            _lastRun = now;
            _lastCapacityEvictions = stats.CapacityEvictions;
        }

        var usage = stats.Capacity > 0 ? (double)stats.Size / stats.Capacity : 0;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["entries"] = stats.Entries,
            ["size"] = stats.Size,
            ["capacity"] = stats.Capacity,
            ["usage"] = Math.Round(usage, 4),
            ["hit_ratio"] = Math.Round(stats.HitRatio, 4),
            ["eviction_rate"] = Math.Round(rate, 2),
        };

        var options = cache.Options;
        if (usage >= options.DegradedAt && rate > options.DegradedEvictionRate)
        {
            var description = string.Create(
                CultureInfo.InvariantCulture,
                $"cache '{cache.Name}' is full ({stats.Size} of {stats.Capacity}) and evicts {rate:0.#}/s for capacity (threshold {options.DegradedEvictionRate:0.#}/s); raise its SizeLimit");
            return Task.FromResult(new HealthCheckResult(HealthStatus.Degraded, description, data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy(data: data));
    }
}
