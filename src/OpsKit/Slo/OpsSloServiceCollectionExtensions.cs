using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Health;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;
using OpsKit.Slo;
using OpsKit.Slo.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers OpsKit's in-process service-level objectives.
/// </summary>
public static class OpsSloServiceCollectionExtensions
{
    /// <summary>
    /// Evaluates the objectives under <c>OpsKit:Slo:&lt;name&gt;</c> (and those set in code) over sliding windows,
    /// from ASP.NET Core's own <c>http.server.request.duration</c> measurements: latency percentiles, error rate and
    /// availability, each ok/warning/critical. Adds the <c>slo</c> section to the detailed health JSON, the gauge
    /// <c>opskit.slo.state{slo}</c>, and, for objectives with <see cref="OpsSloObjectiveOptions.AffectsReadiness"/>, the
    /// readiness check <c>slo.&lt;name&gt;</c>. Options are validated at start-up (errors name the key; with
    /// <c>AddOpsHealth</c> they are reported with the engine's own). Calling it again is harmless.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Objectives set in code; configuration values take precedence key by key.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddOpsSlo(this IServiceCollection services, Action<OpsSloOptions>? configure = null)
    {
        if (services.ConfigureOpsCapability<OpsSloOptions, SloMonitor>(configure) is null)
        {
            return services;
        }

        services.TryAddOpsKitMeter();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOpsSection<OpsSloOptions>(OpsSloOptions.SectionName, target: static o => o.Objectives, targetType: typeof(IDictionary<string, OpsSloObjectiveOptions>));
        services.AddSingleton<SloMonitor>();
        services.AddSingleton<SloMetrics>();
        services.AddOpsStartupValidator<SloStartupValidator>();
        services.AddSingleton<SloRequestListener>();
        services.AddHostedService(static sp => sp.GetRequiredService<SloRequestListener>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthDetailsSection, SloDetailsSection>());
        services.AddOptions<HealthCheckServiceOptions>().Configure<SloMonitor>(static (options, monitor) =>
        {
            foreach (var objective in monitor.Objectives.Where(static o => o.Settings.AffectsReadiness))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    SloHealthCheck.CheckName(objective.Settings.Name),
                    _ => new SloHealthCheck(objective),
                    failureStatus: HealthStatus.Unhealthy,
                    tags: objective.Settings.CriticalMakesUnready ? [OpsHealthTags.Ready] : [OpsHealthTags.Ready, OpsHealthTags.NonCritical]));
            }
        });
        return services;
    }
}
