namespace OpsKit.Health.Checks.Internal;

/// <summary>Average process CPU over the window as a fraction of the CPU it may use (its cgroup quota, else the processor count).</summary>
internal sealed class ProcessCpuCheck(ProcessCpuCheckOptions options, CpuSampler sampler) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "cpu";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var reading = sampler.Read(options.Window);
        var data = new Dictionary<string, object>
        {
            ["usage"] = CheckResults.Round(reading.Usage),
            ["window_seconds"] = CheckResults.Round(reading.Span.TotalSeconds, 1),
            ["cpu_seconds"] = CheckResults.Round(reading.Cpu.TotalSeconds, 3),
            ["processor_count"] = Environment.ProcessorCount,
            ["cpu_limit"] = CheckResults.Round(reading.Capacity, 3),
            ["cpu_limit_source"] = reading.Source,
        };
        return Task.FromResult(Thresholds.Evaluate("cpu usage", reading.Usage, options.DegradedAt, options.UnhealthyAt, data));
    }
}
