using OpsKit.Health;
using OpsKit.Health.Checks;
using OpsKit.Health.Checks.Internal;
using OpsKit.Health.Internal;

#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static partial class RuntimeChecksBuilderExtensions
{
    /// <summary>
    /// Adds the file descriptor check (<c>Type</c> <c>filedescriptors</c>): open descriptors vs the soft
    /// <c>RLIMIT_NOFILE</c> on Linux; Degraded at 0.8, Unhealthy at 0.95.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="configure">Thresholds in code.</param>
    /// <param name="name">The check name. Default: <c>filedescriptors</c>.</param>
    /// <param name="critical">Whether Unhealthy fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddFileDescriptors(
        this OpsHealthBuilder builder, Action<FileDescriptorsCheckOptions>? configure = null, string name = FileDescriptorsCheck.TypeName, bool? critical = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<FileDescriptorsCheck, FileDescriptorsCheckOptions>(FileDescriptorsCheck.TypeName, name, configure, critical, tags);
    }
}
