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
    /// Adds an HTTP dependency check (<c>Type</c> <c>http</c>): one request per period through a named
    /// <see cref="System.Net.Http.HttpClient"/> without resilience handlers; a non-2xx answer is Unhealthy with
    /// category <c>status</c>.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name (<c>[a-z0-9][a-z0-9._-]*</c>).</param>
    /// <param name="url">Absolute http(s) URL of the dependency's health endpoint.</param>
    /// <param name="configure">Method, expected status, latency and JSON rule in code; configuration overrides them.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes (<c>live</c>, <c>ready</c>, <c>startup</c>). Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddHttpDependency(
        this OpsHealthBuilder builder, string name, Uri url, Action<HttpDependencyCheckOptions>? configure = null, bool? critical = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<HttpDependencyCheck, HttpDependencyCheckOptions>(HttpDependencyCheck.TypeName, name, o =>
        {
            o.Url = url;
            configure?.Invoke(o);
        }, critical, tags);
    }
}
