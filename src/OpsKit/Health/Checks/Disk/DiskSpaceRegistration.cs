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
    /// Adds a check of how full the volume that holds <paramref name="path"/> is (<c>Type</c> <c>disk</c>): Degraded at
    /// 80 % used, Unhealthy at 90 % or under <see cref="DiskSpaceCheckOptions.MinFreeBytes"/>; also reported by the
    /// gauge <c>opskit_disk_usage_ratio{path}</c>.
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
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<DiskSpaceCheck, DiskSpaceCheckOptions>(DiskSpaceCheck.TypeName, name, o =>
        {
            o.Path = path;
            configure?.Invoke(o);
        }, critical, tags);
    }
}
