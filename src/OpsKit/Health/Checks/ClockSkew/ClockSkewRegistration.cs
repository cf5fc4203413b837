using OpsKit.Health;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;
using OpsKit.Health.Internal;

#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static partial class NetworkChecksBuilderExtensions
{
    /// <summary>
    /// Adds a clock skew check (<c>Type</c> <c>clockskew</c>): the local clock against the <c>Date</c> header of
    /// <paramref name="url"/>; Degraded beyond 5 seconds either way.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name.</param>
    /// <param name="url">Absolute http(s) URL of a server with a trusted clock.</param>
    /// <param name="configure">Options in code (<see cref="ClockSkewCheckOptions.DegradedAfter"/>).</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddClockSkew(
        this OpsHealthBuilder builder, string name, Uri url, Action<ClockSkewCheckOptions>? configure = null, bool? critical = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<ClockSkewCheck, ClockSkewCheckOptions>(ClockSkewCheck.TypeName, name, o =>
        {
            o.Url = url;
            configure?.Invoke(o);
        }, critical, tags);
    }
}
