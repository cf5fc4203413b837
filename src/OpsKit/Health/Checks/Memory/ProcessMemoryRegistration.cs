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
    /// Adds the process memory check (<c>Type</c> <c>memory</c>): working set vs <see cref="ProcessMemoryCheckOptions.LimitBytes"/>
    /// or the container limit; Degraded at 0.8, Unhealthy at 0.95; also the gauge <c>opskit_memory_usage_ratio</c>.
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
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<ProcessMemoryCheck, ProcessMemoryCheckOptions>(ProcessMemoryCheck.TypeName, name, configure, critical, tags);
    }
}
