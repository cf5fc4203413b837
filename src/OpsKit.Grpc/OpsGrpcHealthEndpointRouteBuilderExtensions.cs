using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Grpc.Internal;

#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps the gRPC health service of OpsKit.</summary>
public static class OpsGrpcHealthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <c>grpc.health.v1.Health</c> (<c>Check</c> and <c>Watch</c>) from the OpsKit health snapshot: service
    /// <c>""</c> is readiness (maintenance, refused traffic and shutdown included), <c>live</c>, <c>ready</c> and
    /// <c>startup</c> are the probes of the same names, and each group of <c>OpsKit:Health:Groups</c> answers under its name; any other name is <c>NOT_FOUND</c> for <c>Check</c> and
    /// <c>SERVICE_UNKNOWN</c> for <c>Watch</c>. No call runs a check.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The endpoint's convention builder (for example to require a host or a port).</returns>
    /// <exception cref="InvalidOperationException"><c>AddOpsGrpcHealth()</c> was not called.</exception>
    public static GrpcServiceEndpointConventionBuilder MapOpsGrpcHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Created now rather than on the first call, so that the engine's state (and the refused-traffic gauge) exists
        // from start-up in a service that maps no HTTP health endpoint.
        _ = endpoints.ServiceProvider.GetService<OpsGrpcHealthService>()
            ?? throw new InvalidOperationException("MapOpsGrpcHealth() needs services.AddOpsGrpcHealth().");
        return endpoints.MapGrpcService<OpsGrpcHealthService>();
    }
}
