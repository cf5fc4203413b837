using OpsKit.Health;
using OpsKit.Redis.Internal;

namespace OpsKit.Redis;

/// <summary>
/// Options of the <c>redis.locks</c> check: keys matching <see cref="LockPatterns"/> without a TTL or with a TTL above
/// <see cref="LockTimeout"/>, found by a bounded <c>SCAN</c> (never <c>KEYS</c>).
/// </summary>
public sealed class RedisLocksCheckOptions : OpsHealthCheckOptions, IRedisCheckOptions
{
    /// <summary>
    /// Glob patterns of lock keys, for example <c>callfs:lock:*</c>. Default: empty, which scans <c>*:lock:*</c>.
    /// (Configuration adds to this list, so the default is not a list entry.)
    /// </summary>
    public IList<string> LockPatterns { get; set; } = [];

    internal const string DefaultPattern = "*:lock:*";

    /// <summary>The longest TTL a lock key may have. Default: 60 s.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Upper bound of keys one run examines (SCAN pages × page size), over all patterns. Default: 10000.</summary>
    public int MaxKeysScanned { get; set; } = 10_000;

    /// <summary>At most this many offending key names are listed in <c>sample</c>. Default: 10.</summary>
    public int SampleSize { get; set; } = 10;

    RedisTarget? IRedisCheckOptions.Target { get; set; }

    /// <inheritdoc/>
    protected override bool IsRemoteDependency => true;
}
