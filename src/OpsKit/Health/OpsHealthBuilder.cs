using OpsKit.Health.Internal;

namespace OpsKit.Health;

/// <summary>
/// Returned by <c>AddOpsHealth()</c>: adds checks to the OpsKit health engine. OpsKit's own checks are extension
/// methods on this type; any other <see cref="Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck"/>
/// (including AspNetCore.HealthChecks.* packages) is added through <see cref="HealthChecks"/>.
/// </summary>
public sealed class OpsHealthBuilder
{
    internal OpsHealthBuilder(IServiceCollection services, IHealthChecksBuilder healthChecks, OpsCheckCatalog catalog)
    {
        Services = services;
        HealthChecks = healthChecks;
        Catalog = catalog;
    }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// The underlying ASP.NET Core health checks builder. Checks added here run in the OpsKit engine too: tag them
    /// <c>live</c>, <c>ready</c> or <c>startup</c> to choose probes (none means <c>ready</c>), and
    /// <c>non-critical</c> to keep an Unhealthy result from failing readiness.
    /// </summary>
    public IHealthChecksBuilder HealthChecks { get; }

    internal OpsCheckCatalog Catalog { get; }
}
