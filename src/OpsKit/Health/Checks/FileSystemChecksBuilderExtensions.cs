using OpsKit.Health;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds OpsKit's file system checks: disk space, directories, permissions, freshness and certificate files.
/// Each can also be declared in configuration only, by its <c>Type</c>; configuration values override code.
/// </summary>
public static class FileSystemChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of how full the volume that holds <paramref name="path"/> is (<c>Type</c> <c>disk</c>): Degraded at
    /// 80 % used, Unhealthy at 90 % or under <see cref="DiskSpaceCheckOptions.MinFreeBytes"/>; also reported by the
    /// gauge <c>opskit_disk_utilization{path}</c>.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name (<c>[a-z0-9][a-z0-9._-]*</c>).</param>
    /// <param name="path">Any path on the volume.</param>
    /// <param name="configure">Thresholds in code; <c>OpsKit:Health:Checks:&lt;name&gt;</c> overrides them.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes (<c>live</c>, <c>ready</c>, <c>startup</c>). Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddDiskSpace(
        this OpsHealthBuilder builder, string name, string path, Action<DiskSpaceCheckOptions>? configure = null, bool? critical = null, IEnumerable<string>? tags = null)
    {
        return builder.AddBuiltInCheck<DiskSpaceCheck, DiskSpaceCheckOptions>(DiskSpaceCheck.TypeName, name, o => o.Path = path, configure, critical, tags);
    }

    /// <summary>
    /// Adds a check that <paramref name="path"/> exists and is writable (<c>Type</c> <c>directory</c>), by writing,
    /// flushing and deleting a probe file; optionally creates it with a Unix mode. A missing or unwritable directory
    /// is Unhealthy with category <c>permission</c>.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name.</param>
    /// <param name="path">The directory.</param>
    /// <param name="configure">Options in code (<see cref="DirectoryCheckOptions.Create"/>, <see cref="DirectoryCheckOptions.Mode"/>).</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddDirectory(
        this OpsHealthBuilder builder, string name, string path, Action<DirectoryCheckOptions>? configure = null, bool? critical = null, IEnumerable<string>? tags = null)
    {
        return builder.AddBuiltInCheck<DirectoryCheck, DirectoryCheckOptions>(DirectoryCheck.TypeName, name, o => o.Path = path, configure, critical, tags);
    }

    /// <summary>
    /// Adds a check that the Unix mode of <paramref name="path"/> is no wider than <paramref name="maxMode"/>
    /// (<c>Type</c> <c>permissions</c>); a wider mode is Degraded with category <c>permission</c>.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name.</param>
    /// <param name="path">The file or directory.</param>
    /// <param name="maxMode">The widest acceptable mode, e.g. <c>0640</c>. Default: 0750 for a directory, 0640 for a file.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddFilePermissions(
        this OpsHealthBuilder builder, string name, string path, string? maxMode = null, bool? critical = null, IEnumerable<string>? tags = null)
    {
        return builder.AddBuiltInCheck<FilePermissionsCheck, FilePermissionsCheckOptions>(FilePermissionsCheck.TypeName, name, o =>
        {
            o.Path = path;
            o.MaxMode = maxMode ?? o.MaxMode;
        }, configure: null, critical, tags);
    }

    /// <summary>
    /// Adds a check that <paramref name="path"/> (a file, or the newest file of a directory) was written within
    /// <paramref name="maxAge"/> (<c>Type</c> <c>freshness</c>); older is Unhealthy.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="name">The check name.</param>
    /// <param name="path">The file or directory.</param>
    /// <param name="maxAge">The oldest acceptable last write.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddFreshness(
        this OpsHealthBuilder builder, string name, string path, TimeSpan maxAge, bool? critical = null, IEnumerable<string>? tags = null)
    {
        return builder.AddBuiltInCheck<FreshnessCheck, FreshnessCheckOptions>(FreshnessCheck.TypeName, name, o =>
        {
            o.Path = path;
            o.MaxAge = maxAge;
        }, configure: null, critical, tags);
    }

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
        return builder.AddBuiltInCheck<CertificateCheck, CertificateCheckOptions>(CertificateCheck.TypeName, name, o => o.Path = path, configure, critical, tags);
    }
}
