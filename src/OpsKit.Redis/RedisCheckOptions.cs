using OpsKit.Health;
using OpsKit.Redis.Internal;

namespace OpsKit.Redis;

/// <summary>Options of the <c>redis</c> check: the multiplexer is connected, then <c>PING</c> latency.</summary>
public sealed class RedisCheckOptions : OpsHealthCheckOptions, IRedisCheckOptions
{
    /// <summary>PING latency at or above which the check is Degraded. Default: 500 ms.</summary>
    public TimeSpan DegradedLatency { get; set; } = TimeSpan.FromMilliseconds(500);

    RedisTarget? IRedisCheckOptions.Target { get; set; }

    /// <inheritdoc/>
    protected override bool IsRemoteDependency => true;
}
