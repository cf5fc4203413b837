using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpsKit.Hosting.Internal;

internal static class OpsKitMeterServiceCollectionExtensions
{
    /// <summary>Registers the shared OpsKit meter once, whichever capability asks first.</summary>
    public static IServiceCollection TryAddOpsKitMeter(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<OpsKitMeter>();
        return services;
    }
}
