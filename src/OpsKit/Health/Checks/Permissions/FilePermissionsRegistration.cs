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
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<FilePermissionsCheck, FilePermissionsCheckOptions>(FilePermissionsCheck.TypeName, name, o =>
        {
            o.Path = path;
            o.MaxMode = maxMode ?? o.MaxMode;
        }, critical, tags);
    }
}
