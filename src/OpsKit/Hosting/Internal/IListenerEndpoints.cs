using Microsoft.AspNetCore.Routing;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// Endpoints a capability serves on the HTTP probe listener of a service without a web server of its own
/// (<c>OpsKit:Health:Probes:HttpPort</c>): the health engine maps its probes, telemetry its <c>/metrics</c>. The
/// listener hands over a route builder whose services are the application's, so the endpoints read the application's
/// own state.
/// </summary>
internal interface IListenerEndpoints
{
    /// <summary>Maps the capability's endpoints, as its <c>MapOps*()</c> method does on a web application.</summary>
    void Map(IEndpointRouteBuilder endpoints);
}
