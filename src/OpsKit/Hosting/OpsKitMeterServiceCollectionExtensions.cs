using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the OpsKit meter for packages that add instruments without the health engine.
/// </summary>
public static class OpsKitMeterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OpsKitMeter"/> (and the host's meter factory) unless it is registered already: every OpsKit
    /// capability calls it, whichever comes first.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection TryAddOpsKitMeter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton<OpsKitMeter>();
        return services;
    }
}
