namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Working set vs <c>LimitBytes</c> or the runtime's available memory, which the GC reads from the cgroup limit in a
/// container (the same source ResourceMonitoring uses for its limit). Also feeds <c>opskit.memory.utilization</c>.
/// </summary>
internal sealed class ProcessMemoryCheck(ProcessMemoryCheckOptions options, SystemCheckGauges gauges) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "memory";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var workingSet = Environment.WorkingSet;
        var limit = options.LimitBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var usage = limit > 0 ? (double)workingSet / limit : 0;
        gauges.SetMemoryUsage(usage);
        var data = new Dictionary<string, object>
        {
            ["working_set_bytes"] = workingSet,
            ["limit_bytes"] = limit,
            ["limit_source"] = options.LimitBytes is null ? "runtime" : "configured",
            ["usage"] = CheckResults.Round(usage),
            ["gc_heap_bytes"] = GC.GetTotalMemory(forceFullCollection: false),
        };
        return Task.FromResult(Thresholds.Evaluate("memory usage", usage, options.DegradedAt, options.UnhealthyAt, data));
    }
}
