using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;
using OpsKit.Resilience;
using OpsKit.Resilience.Internal;
using Polly;
using Polly.Registry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers OpsKit's named resilience pipelines.
/// </summary>
public static class OpsResilienceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the pipelines declared under <c>OpsKit:Resilience:Pipelines:&lt;name&gt;</c> to Polly's registry, so
    /// <c>ResiliencePipelineProvider&lt;string&gt;.GetPipeline(name)</c> returns them (total timeout → retry → circuit
    /// breaker → attempt timeout). Options are validated at start-up (errors name the key) and reloaded when
    /// configuration changes; a change with invalid values is logged and the last good pipeline stays in force.
    /// Pipelines use the <see cref="TimeProvider"/> registered in DI. Calling it again is harmless.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddOpsResilience(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        GetOrAddCatalog(services);
        return services;
    }

    /// <summary>
    /// Adds the named pipeline with options set in code; its configuration section, when present, is bound over them.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="name">The pipeline's name (<c>[a-z0-9][a-z0-9._-]*</c>).</param>
    /// <param name="configure">Options set in code; configuration values take precedence.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddOpsResilience(this IServiceCollection services, string name, Action<OpsResiliencePipelineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        PipelineNames.ThrowIfInvalid(name);
        GetOrAddCatalog(services).Add(name);
        services.AddOptions<OpsResiliencePipelineOptions>(name).Configure(configure);
        return services;
    }

    internal static ResiliencePipelineCatalog GetOrAddCatalog(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(ResiliencePipelineCatalog))?.ImplementationInstance is ResiliencePipelineCatalog existing)
        {
            return existing;
        }

        var catalog = new ResiliencePipelineCatalog();
        services.AddSingleton(catalog);
        services.TryAddOpsKitMeter();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OpsResiliencePipelineOptions>();
        services.AddOpsSection<OpsResiliencePipelineOptions>(PipelineNames.SectionPath("*"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpsResiliencePipelineOptions>, PipelineOptionsValidator>());
        services.TryAddSingleton<PipelineOptionsStore>();
        services.TryAddSingleton<CircuitStateRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOpsDiagnosticsSection, CircuitsDiagnosticsSection>());
        services.TryAddSingleton<ResilienceMetrics>();
        services.TryAddSingleton<EndpointPipelines>();
        services.AddOpsStartupValidator<ResilienceStartupValidator>();
        services.AddResiliencePipelines<string>(context =>
        {
            var store = context.ServiceProvider.GetRequiredService<PipelineOptionsStore>();
            foreach (var name in store.KnownNames())
            {
                if (catalog.IsHttp(name))
                {
                    context.AddResiliencePipeline<System.Net.Http.HttpResponseMessage>(name, static (builder, pipeline) =>
                    {
                        var store = pipeline.ServiceProvider.GetRequiredService<PipelineOptionsStore>();
                        var settings = store.Get(pipeline.PipelineKey);
                        pipeline.EnableReloadsWithMonitor(store.Monitor, pipeline.PipelineKey);
                        PipelineBuilders.ConfigureHttpRounds(builder, settings, pipeline.ServiceProvider.GetRequiredService<TimeProvider>());
                    });
                }
                else
                {
                    context.AddResiliencePipeline(name, static (builder, pipeline) =>
                    {
                        var store = pipeline.ServiceProvider.GetRequiredService<PipelineOptionsStore>();
                        var settings = store.Get(pipeline.PipelineKey);
                        pipeline.EnableReloadsWithMonitor(store.Monitor, pipeline.PipelineKey);
                        PipelineBuilders.ConfigureGeneric(
                            builder,
                            settings,
                            pipeline.ServiceProvider.GetRequiredService<CircuitStateRegistry>(),
                            pipeline.ServiceProvider.GetRequiredService<TimeProvider>());
                    });
                }
            }
        });
        return catalog;
    }
}
