namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Work items queued to the thread pool but not started: a growing backlog while threads are injected one by one is
/// starvation. Reads counters only; it never queues work of its own, so a starved pool cannot hold it up further.
/// </summary>
internal sealed class ThreadPoolCheck(ThreadPoolCheckOptions options) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "threadpool";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = ThreadPool.PendingWorkItemCount;
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        var data = new Dictionary<string, object>
        {
            ["pending_work_items"] = pending,
            ["thread_count"] = ThreadPool.ThreadCount,
            ["min_threads"] = minWorkers,
            ["completed_work_items"] = ThreadPool.CompletedWorkItemCount,
        };
        return Task.FromResult(Thresholds.Evaluate("pending thread-pool work items", pending, options.DegradedAt, options.UnhealthyAt, data, "0"));
    }
}
