using OpsKit.Health;
using OpsKit.Redis.Internal;

namespace OpsKit.Redis;

/// <summary>
/// Options of the <c>redis.memory</c> check: <c>used_memory</c> vs <c>maxmemory</c> and the eviction policy, from
/// <c>INFO memory</c> (no admin mode needed); usage is used_memory / maxmemory. Default
/// <see cref="OpsRatioCheckOptions.DegradedAt"/>: 0.9.
/// </summary>
public sealed class RedisMemoryCheckOptions() : OpsRatioCheckOptions(degradedAt: 0.9), IRedisCheckOptions
{
    /// <summary>
    /// Whether <c>maxmemory 0</c> (no limit: the instance grows until the machine runs out) is Degraded, as it should be
    /// on a cache instance. Default: <see langword="true"/>.
    /// </summary>
    public bool RequireMaxMemory { get; set; } = true;

    /// <summary>The expected <c>maxmemory-policy</c> (for example <c>allkeys-lru</c>); null to accept any. Default: null.</summary>
    public string? ExpectedPolicy { get; set; }

    RedisTarget? IRedisCheckOptions.Target { get; set; }

    /// <inheritdoc/>
    protected override bool IsRemoteDependency => true;
}
