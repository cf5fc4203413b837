using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;
using OpsKit.Probes;
using OpsKit.Probes.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers probe listeners for a service without a web server of its own (a worker on the generic host).
/// </summary>
public static class OpsProbeListenerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the health engine (as <c>AddOpsHealth()</c>) and, from <c>OpsKit:Health:Probes</c> (bound over
    /// <paramref name="configure"/>): a TCP port per probe (<c>LivePort</c>, <c>ReadyPort</c>, <c>StartupPort</c>) that
    /// accepts connections only while that probe passes, and an HTTP port (<c>HttpPort</c>) serving the
    /// <c>/health/*</c> endpoints and, with <c>AddOpsTelemetry()</c>, <c>/metrics</c>. Every port reads the engine's
    /// snapshot; none runs a check. The readiness port closes as soon as shutdown starts. Ports are validated at
    /// start-up with errors that name the key; nothing listens in <c>--opskit-validate</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Listener options set in code; configuration values take precedence.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddOpsProbeListeners(this IServiceCollection services, Action<OpsProbeListenerOptions>? configure = null)
    {
        services.AddOpsHealth();
        if (services.ConfigureOpsCapability<OpsProbeListenerOptions, ProbeListenersHostedService>(configure) is not { } options)
        {
            return services;
        }

        options.BindOpsConfiguration(OpsProbeListenerOptions.SectionName);
        services.AddSingleton<IOpsStartupValidation, ProbeListenerValidation>();
        services.TryAddSingleton<HttpProbeListener>();
        services.AddSingleton<ProbeListenersHostedService>();
        services.AddHostedService(static sp => sp.GetRequiredService<ProbeListenersHostedService>());
        return services;
    }
}
