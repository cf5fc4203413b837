using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health.Internal;

#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>
/// Maps the OpsKit info endpoint.
/// </summary>
public static class OpsInfoEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /ops/info</c>: the service's version, informational version, commit and build time, the runtime and
    /// operating system, the process's start time and uptime, the environment name, and for every configuration key
    /// under <c>OpsKit:</c> and <c>ConnectionStrings:</c> the provider that set it (values of secret keys masked,
    /// connection strings never shown). Only callers allowed health details see it (<c>OpsKit:Health:Details</c> and
    /// <c>OpsKit:Health:DetailsPolicy</c>); others get 401 (anonymous) or 403. Left out of HTTP metrics.
    /// Requires <c>AddOpsHealth()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>The endpoint's convention builder, for example to add <c>RequireAuthorization()</c>.</returns>
    public static IEndpointConventionBuilder MapOpsInfo(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<DetailsAccess>() is null)
        {
            throw new InvalidOperationException(
                "MapOpsInfo() needs the OpsKit health services: call builder.Services.AddOpsHealth() first.");
        }

        var handler = ActivatorUtilities.CreateInstance<InfoEndpointHandler>(services);
        return endpoints.MapGet("/ops/info", handler.InfoAsync)
            .WithDisplayName("OpsKit info")
            .DisableHttpMetrics();
    }
}
