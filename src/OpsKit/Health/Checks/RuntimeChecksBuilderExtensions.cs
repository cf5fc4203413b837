using OpsKit.Health;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds OpsKit's process runtime checks: memory, CPU, file descriptors and thread-pool starvation.
/// </summary>
public static class RuntimeChecksBuilderExtensions
{
    /// <summary>
    /// Adds the process memory check (<c>Type</c> <c>memory</c>): working set vs <see cref="ProcessMemoryCheckOptions.LimitBytes"/>
    /// or the container limit; Degraded at 0.8, Unhealthy at 0.95; also the gauge <c>opskit_memory_utilization</c>.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="configure">Thresholds and limit in code; <c>OpsKit:Health:Checks:&lt;name&gt;</c> overrides them.</param>
    /// <param name="name">The check name. Default: <c>memory</c>.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes (<c>live</c>, <c>ready</c>, <c>startup</c>). Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddProcessMemory(
        this OpsHealthBuilder builder, Action<ProcessMemoryCheckOptions>? configure = null, string name = ProcessMemoryCheck.TypeName, bool? critical = null, IEnumerable<string>? tags = null)
    {
        return builder.AddBuiltInCheck<ProcessMemoryCheck, ProcessMemoryCheckOptions>(ProcessMemoryCheck.TypeName, name, arguments: null, configure, critical, tags);
    }

    /// <summary>
    /// Adds the process CPU check (<c>Type</c> <c>cpu</c>): CPU time over a 1-minute window as a fraction of the
    /// processors available to the process (container-aware); Degraded at 0.8, Unhealthy at 0.95.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="configure">Thresholds and window in code.</param>
    /// <param name="name">The check name. Default: <c>cpu</c>.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddProcessCpu(
        this OpsHealthBuilder builder, Action<ProcessCpuCheckOptions>? configure = null, string name = ProcessCpuCheck.TypeName, bool? critical = null, IEnumerable<string>? tags = null)
    {
        return builder.AddBuiltInCheck<ProcessCpuCheck, ProcessCpuCheckOptions>(ProcessCpuCheck.TypeName, name, arguments: null, configure, critical, tags);
    }

    /// <summary>
    /// Adds the file descriptor check (<c>Type</c> <c>filedescriptors</c>): open descriptors vs the soft
    /// <c>RLIMIT_NOFILE</c> on Linux; Degraded at 0.8, Unhealthy at 0.95.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="configure">Thresholds in code.</param>
    /// <param name="name">The check name. Default: <c>filedescriptors</c>.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddFileDescriptors(
        this OpsHealthBuilder builder, Action<FileDescriptorsCheckOptions>? configure = null, string name = FileDescriptorsCheck.TypeName, bool? critical = null, IEnumerable<string>? tags = null)
    {
        return builder.AddBuiltInCheck<FileDescriptorsCheck, FileDescriptorsCheckOptions>(FileDescriptorsCheck.TypeName, name, arguments: null, configure, critical, tags);
    }

    /// <summary>
    /// Adds the thread-pool starvation check (<c>Type</c> <c>threadpool</c>): pending work items; Degraded at 100,
    /// Unhealthy at 1000.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="configure">Thresholds in code.</param>
    /// <param name="name">The check name. Default: <c>threadpool</c>.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddThreadPool(
        this OpsHealthBuilder builder, Action<ThreadPoolCheckOptions>? configure = null, string name = ThreadPoolCheck.TypeName, bool? critical = null, IEnumerable<string>? tags = null)
    {
        return builder.AddBuiltInCheck<ThreadPoolCheck, ThreadPoolCheckOptions>(ThreadPoolCheck.TypeName, name, arguments: null, configure, critical, tags);
    }
}
