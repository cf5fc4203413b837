using OpsKit.Health;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;
using OpsKit.Health.Internal;

#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static partial class RuntimeChecksBuilderExtensions
{
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
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<ProcessCpuCheck, ProcessCpuCheckOptions>(ProcessCpuCheck.TypeName, name, configure, critical, tags);
    }
}
