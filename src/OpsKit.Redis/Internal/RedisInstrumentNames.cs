namespace OpsKit.Redis.Internal;

/// <summary>
/// The Redis package's instruments on the OpsKit meter (docs/metrics.md): the memory check's gauge, the distributed
/// lock's and the rate limiter's. Operators script against their Prometheus renderings: never rename one.
/// </summary>
internal static class RedisInstrumentNames
{
    public const string MemoryUtilization = "opskit.redis.memory.utilization";
    public const string LockAcquisitions = "opskit.lock.acquisitions";
    public const string LockHeld = "opskit.lock.held";
    public const string RateLimitStoreFailures = "opskit.rate_limit.store_failures";

    /// <summary>Label keys.</summary>
    public static class Labels
    {
        /// <summary>Of <see cref="LockAcquisitions"/>: <c>acquired</c> or <c>failed</c>.</summary>
        public const string Result = "result";

        /// <summary>Of <see cref="RateLimitStoreFailures"/>: the configured policy name.</summary>
        public const string Policy = "policy";
    }
}
