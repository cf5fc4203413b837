using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>The health endpoints of <c>MapOpsHealth()</c> on the worker's HTTP probe listener.</summary>
internal sealed class HealthListenerEndpoints : IListenerEndpoints
{
    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapOpsHealth();
}
