namespace OpsKit.Health.Checks.Internal;

/// <summary>Average process CPU over the window as a fraction of <see cref="Environment.ProcessorCount"/> (cgroup-aware).</summary>
internal sealed class ProcessCpuCheck(ProcessCpuCheckOptions options, CpuSampler sampler) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "cpu";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (usage, span, cpu) = sampler.Read(options.Window);
        var data = new Dictionary<string, object>
        {
            ["usage"] = CheckResults.Round(usage),
            ["window_seconds"] = CheckResults.Round(span.TotalSeconds, 1),
            ["cpu_seconds"] = CheckResults.Round(cpu.TotalSeconds, 3),
            ["processor_count"] = Environment.ProcessorCount,
        };
        return Task.FromResult(Thresholds.Evaluate("cpu usage", usage, options.DegradedAt, options.UnhealthyAt, data));
    }
}
