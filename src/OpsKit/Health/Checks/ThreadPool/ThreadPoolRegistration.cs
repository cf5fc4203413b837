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
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<ThreadPoolCheck, ThreadPoolCheckOptions>(ThreadPoolCheck.TypeName, name, configure, critical, tags);
    }
}
