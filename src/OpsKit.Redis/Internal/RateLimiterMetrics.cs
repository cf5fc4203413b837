using System.Diagnostics.Metrics;
using OpsKit.Hosting;

namespace OpsKit.Redis.Internal;

/// <summary>The Redis-backed rate limiter's instrument: requests decided without the store, by policy (never by partition).</summary>
internal sealed class RateLimiterMetrics(OpsKitMeter meter)
{
    private readonly Counter<long> _storeFailures = meter.CreateCounter<long>(
        "opskit.rate_limit.store_failures",
        description: "Requests a Redis-backed rate limiter decided without Redis (fallback window or 503), by policy.");

    public void RecordStoreFailure(string policy) =>
        _storeFailures.Add(1, new KeyValuePair<string, object?>("policy", policy));
}
