using OpsKit.Health;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;
using OpsKit.Health.Internal;

#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static partial class FileSystemChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the certificate files (PEM, CRT, CER, PFX) at <paramref name="path"/>, a file or a directory
    /// (<c>Type</c> <c>certificate</c>): Unhealthy when one has expired or has at most 1 day left, Degraded under 7
    /// days, listed in <c>expiring_soon</c> under 30; also reported by <c>opskit_certificate_expiry_seconds{certificate}</c>
    /// with the file name without extension as the id.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name.</param>
    /// <param name="path">A certificate file or a directory of them.</param>
    /// <param name="configure">Thresholds in code.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddCertificates(
        this OpsHealthBuilder builder, string name, string path, Action<CertificateCheckOptions>? configure = null, bool? critical = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<CertificateCheck, CertificateCheckOptions>(CertificateCheck.TypeName, name, o =>
        {
            o.Path = path;
            configure?.Invoke(o);
        }, critical, tags);
    }
}
