namespace OpsKit.Health.Checks;

/// <summary>
/// Options of the thread-pool check (<c>Type</c> <c>threadpool</c>, default name <c>threadpool</c>): work items queued
/// but not started (<see cref="System.Threading.ThreadPool.PendingWorkItemCount"/>), the signal of thread-pool
/// starvation (sync-over-async, blocking I/O on pool threads). Thresholds are counts of pending work items.
/// </summary>
public sealed class ThreadPoolCheckOptions : OpsHealthCheckOptions
{
    /// <summary>Pending work items at which the check is Degraded. Default: 100.</summary>
    public double DegradedAt { get; set; } = 100;

    /// <summary>Pending work items at which the check is Unhealthy. Default: 1000.</summary>
    public double UnhealthyAt { get; set; } = 1000;
}
