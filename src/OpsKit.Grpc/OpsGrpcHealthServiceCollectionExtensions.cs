using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the gRPC health service of OpsKit.</summary>
public static class OpsGrpcHealthServiceCollectionExtensions
{
    /// <summary>
    /// Adds gRPC (<c>AddGrpc()</c>) and the OpsKit health engine (<c>AddOpsHealth()</c>) if they are not added yet, so
    /// that <c>MapOpsGrpcHealth()</c> can serve <c>grpc.health.v1.Health</c> from the engine's snapshot.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The builder of the health engine, to add checks.</returns>
    public static OpsKit.Health.OpsHealthBuilder AddOpsGrpcHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        services.TryAddSingleton<OpsKit.Grpc.Internal.OpsGrpcHealthService>();
        return services.AddOpsHealth();
    }
}
