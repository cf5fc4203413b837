namespace OpsKit.Health.Checks.Internal;

/// <summary>One CPU measurement: usage as a fraction of <paramref name="Capacity"/> cores over <paramref name="Span"/>.</summary>
/// <param name="Usage">CPU time used over the span, as a fraction of the capacity (0–1).</param>
/// <param name="Span">The span measured.</param>
/// <param name="Cpu">The CPU time used in it.</param>
/// <param name="Capacity">The cores the process may use.</param>
/// <param name="Source">Where the capacity came from: <c>cgroup_v2</c>, <c>cgroup_v1</c> or <c>processor_count</c>.</param>
internal readonly record struct CpuReading(double Usage, TimeSpan Span, TimeSpan Cpu, double Capacity, string Source);
