namespace OpsKit.Health.Checks;

/// <summary>
/// Options of the process CPU check (<c>Type</c> <c>cpu</c>, default name <c>cpu</c>): the process's CPU time over
/// <see cref="Window"/> as a fraction of the CPU it may use: its cgroup CPU quota (v2 <c>cpu.max</c>, v1
/// <c>cpu.cfs_quota_us</c>), so a 0.5-CPU container at its limit reads 1.0, else <see cref="Environment.ProcessorCount"/>.
/// Defaults: Degraded at 0.8, Unhealthy at 0.95.
/// </summary>
public sealed class ProcessCpuCheckOptions() : OpsRatioCheckOptions(degradedAt: 0.8, unhealthyAt: 0.95)
{
    /// <summary>The averaging window. Default: 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
