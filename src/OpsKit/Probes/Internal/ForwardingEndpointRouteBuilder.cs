using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace OpsKit.Probes.Internal;

/// <summary>
/// Maps into the probe listener's own web application while resolving everything from the application's services, so
/// the endpoints read the one engine the application runs instead of a second one.
/// </summary>
internal sealed class ForwardingEndpointRouteBuilder(IEndpointRouteBuilder listener, IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider => services;

    public ICollection<EndpointDataSource> DataSources => listener.DataSources;

    public IApplicationBuilder CreateApplicationBuilder()
    {
        var builder = listener.CreateApplicationBuilder();
        builder.ApplicationServices = services;
        return builder;
    }
}
