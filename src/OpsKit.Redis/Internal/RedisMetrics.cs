using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OpsKit.Hosting;

namespace OpsKit.Redis.Internal;

/// <summary>OpsKit's Redis check instruments; the gauge observes the last measured value, a scrape never talks to Redis.</summary>
internal sealed class RedisMetrics
{
    private readonly ConcurrentDictionary<RedisTarget, double> _memoryUsage = new();

    public RedisMetrics(OpsKitMeter meter)
    {
        meter.CreateObservableGauge(
            "opskit.redis.memory.utilization",
            () => _memoryUsage.Values.Select(static usage => new Measurement<double>(usage)),
            InstrumentUnits.Ratio,
            "Redis used_memory as a ratio of maxmemory.");
    }

    public void RecordMemory(RedisTarget target, double usage) => _memoryUsage[target] = usage;
}
