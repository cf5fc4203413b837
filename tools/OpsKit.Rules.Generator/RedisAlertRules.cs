using static OpsKit.Rules.Generator.TestSeries;

namespace OpsKit.Rules.Generator;

/// <summary>Rules on the instruments of the OpsKit.Redis package.</summary>
public static class RedisAlertRules
{
    private const string RedisMemoryUsage = "opskit_redis_memory_utilization";

    /// <summary>The <c>opskit.redis</c> group.</summary>
    public static readonly RuleGroup Alerts = new(
        "opskit.redis",
        [],
        [
            new(
                "OpsKitRedisMemoryHigh",
                $"{RedisMemoryUsage} > 0.90",
                "5m",
                "warning",
                "Redis used by {{ $labels.job }} is above 90 % of maxmemory",
                "Redis seen from {{ $labels.instance }} uses more than 90 % of maxmemory: keys get evicted or writes fail, depending on maxmemory-policy.")
            {
                Test = new(
                    [($"{RedisMemoryUsage}{{{App}}}", "0.95x20")],
                    [($"{RedisMemoryUsage}{{{App}}}", "0.5x20")],
                    [("job", "api"), ("instance", "api-0:8080")]),
            },
        ]);
}
