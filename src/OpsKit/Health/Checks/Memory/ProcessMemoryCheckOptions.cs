namespace OpsKit.Health.Checks;

/// <summary>
/// Options of the process memory check (<c>Type</c> <c>memory</c>, default name <c>memory</c>): the working set as a
/// fraction of <see cref="LimitBytes"/>, or of the memory the runtime may use (the container's limit when there is
/// one). Also reported by the gauge <c>opskit_memory_utilization</c>. Defaults: Degraded at 0.8, Unhealthy at 0.95.
/// </summary>
public sealed class ProcessMemoryCheckOptions() : OpsRatioCheckOptions(degradedAt: 0.8, unhealthyAt: 0.95)
{
    /// <summary>
    /// The limit in bytes. Default: the runtime's available memory (<c>GCMemoryInfo.TotalAvailableMemoryBytes</c>:
    /// the cgroup/container limit or <c>GCHeapHardLimit</c> when set, else the machine's physical memory).
    /// </summary>
    public long? LimitBytes { get; set; }
}
