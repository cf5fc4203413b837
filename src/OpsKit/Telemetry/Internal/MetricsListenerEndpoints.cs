using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OpsKit.Hosting.Internal;

namespace OpsKit.Telemetry.Internal;

/// <summary>The Prometheus endpoint of <c>MapOpsMetrics()</c> on the worker's HTTP probe listener.</summary>
internal sealed class MetricsListenerEndpoints : IListenerEndpoints
{
    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapOpsMetrics();
}
