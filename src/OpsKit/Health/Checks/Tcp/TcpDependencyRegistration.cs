using OpsKit.Health;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;
using OpsKit.Health.Internal;

#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static partial class NetworkChecksBuilderExtensions
{
    /// <summary>Adds a TCP dependency check (<c>Type</c> <c>tcp</c>): a connection to <paramref name="host"/>:<paramref name="port"/> opens.</summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name.</param>
    /// <param name="host">Host name or IP address.</param>
    /// <param name="port">TCP port.</param>
    /// <param name="configure">Options in code (<see cref="TcpDependencyCheckOptions.DegradedLatency"/>).</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddTcpDependency(
        this OpsHealthBuilder builder, string name, string host, int port, Action<TcpDependencyCheckOptions>? configure = null, bool? critical = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<TcpDependencyCheck, TcpDependencyCheckOptions>(TcpDependencyCheck.TypeName, name, o =>
        {
            o.Host = host;
            o.Port = port;
            configure?.Invoke(o);
        }, critical, tags);
    }
}
