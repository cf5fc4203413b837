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
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<FreshnessCheck, FreshnessCheckOptions>(FreshnessCheck.TypeName, name, o =>
        {
            o.Path = path;
            o.MaxAge = maxAge;
        }, critical, tags);
    }
}
