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
    /// Adds a check of the certificate a TLS endpoint serves for <paramref name="host"/> (sent as SNI)
    /// (<c>Type</c> <c>certificate</c> with <c>Host</c> and <c>Port</c>): the same thresholds as certificate files, and
    /// the gauge <c>opskit_certificate_expiry_seconds{certificate="host:port"}</c>.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name.</param>
    /// <param name="host">Host name of the endpoint.</param>
    /// <param name="port">Its port, e.g. 443.</param>
    /// <param name="configure">Thresholds in code.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddRemoteCertificate(
        this OpsHealthBuilder builder, string name, string host, int port, Action<CertificateCheckOptions>? configure = null, bool? critical = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<CertificateCheck, CertificateCheckOptions>(CertificateCheck.TypeName, name, o =>
        {
            o.Host = host;
            o.Port = port;
            configure?.Invoke(o);
        }, critical, tags);
    }
}
