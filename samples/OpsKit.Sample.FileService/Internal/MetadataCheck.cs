using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Sample.FileService.Internal;

/// <summary>
/// <c>metadata</c>: the app's role can read its <c>files</c> table (created first when missing), which every upload
/// writes. It needs PostgreSQL, so appsettings.json declares <c>DependsOn: postgres</c>: while the server is down this
/// check is not run and the one alert is the <c>postgres</c> check's.
/// </summary>
internal sealed class MetadataCheck(MetadataStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await store.ReadProbeAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
