using OpsKit.Health;
using OpsKit.Redis.Internal;

namespace OpsKit.Redis;

/// <summary>
/// Options of the <c>redis.memory</c> check: <c>used_memory</c> vs <c>maxmemory</c> and the eviction policy, from
/// <c>INFO memory</c> (no admin mode needed).
/// </summary>
public sealed class RedisMemoryCheckOptions : OpsHealthCheckOptions, IRedisCheckOptions
{
    /// <summary>Usage (used_memory / maxmemory, 0–1) at or above which the check is Degraded. Default: 0.9.</summary>
    public double DegradedAt { get; set; } = 0.9;

    /// <summary>Usage (0–1) at or above which the check is Unhealthy; null for never. Default: null.</summary>
    public double? UnhealthyAt { get; set; }

    /// <summary>
    /// Whether <c>maxmemory 0</c> (no limit: the instance grows until the machine runs out) is Degraded, as it should be
    /// on a cache instance. Default: <see langword="true"/>.
    /// </summary>
    public bool RequireMaxMemory { get; set; } = true;

    /// <summary>The expected <c>maxmemory-policy</c> (for example <c>allkeys-lru</c>); null to accept any. Default: null.</summary>
    public string? ExpectedPolicy { get; set; }

    RedisTarget? IRedisCheckOptions.Target { get; set; }
}
