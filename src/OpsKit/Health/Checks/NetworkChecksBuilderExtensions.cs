using OpsKit.Health;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds OpsKit's network checks: HTTP and TCP dependencies, a remote TLS certificate, clock skew. Failures carry
/// distinct categories (<c>dns</c>, <c>connection_refused</c>, <c>tls</c>, <c>timeout</c>, <c>status</c>).
/// </summary>
public static class NetworkChecksBuilderExtensions
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
        return builder.AddBuiltInCheck<HttpDependencyCheck, HttpDependencyCheckOptions>(HttpDependencyCheck.TypeName, name, o => o.Url = url, configure, critical, tags);
    }

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
        return builder.AddBuiltInCheck<TcpDependencyCheck, TcpDependencyCheckOptions>(TcpDependencyCheck.TypeName, name, o =>
        {
            o.Host = host;
            o.Port = port;
        }, configure, critical, tags);
    }

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
        return builder.AddBuiltInCheck<CertificateCheck, CertificateCheckOptions>(CertificateCheck.TypeName, name, o =>
        {
            o.Host = host;
            o.Port = port;
        }, configure, critical, tags);
    }

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
        return builder.AddBuiltInCheck<ClockSkewCheck, ClockSkewCheckOptions>(ClockSkewCheck.TypeName, name, o => o.Url = url, configure, critical, tags);
    }
}
