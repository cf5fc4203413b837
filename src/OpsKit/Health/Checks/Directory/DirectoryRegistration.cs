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
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<DirectoryCheck, DirectoryCheckOptions>(DirectoryCheck.TypeName, name, o =>
        {
            o.Path = path;
            configure?.Invoke(o);
        }, critical, tags);
    }
}
