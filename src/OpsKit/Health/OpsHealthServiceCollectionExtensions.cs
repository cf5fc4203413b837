using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Health;
using OpsKit.Health.Internal;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the OpsKit health engine.
/// </summary>
public static class OpsHealthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the OpsKit health engine: checks run in the background on their own period with hard timeouts, probes
    /// answer from the latest snapshot, and configuration under <c>OpsKit:Health</c> (bound over
    /// <paramref name="configure"/>) is validated at start-up with errors that name the key. Calling it again
    /// returns a builder for the same engine.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Engine options set in code; configuration values take precedence.</param>
    /// <returns>A builder to add checks.</returns>
    public static OpsHealthBuilder AddOpsHealth(this IServiceCollection services, Action<OpsHealthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var healthChecks = services.AddHealthChecks();
        var catalog = services.FirstOrDefault(d => d.ServiceType == typeof(OpsCheckCatalog))?.ImplementationInstance as OpsCheckCatalog;
        if (catalog is null)
        {
            catalog = new OpsCheckCatalog();
            services.AddSingleton(catalog);
            AddEngine(services);
            OpsKit.Health.Checks.Internal.BuiltInCheckTypes.Register(new OpsHealthBuilder(services, healthChecks, catalog));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new OpsHealthBuilder(services, healthChecks, catalog);
    }

    private static void AddEngine(IServiceCollection services)
    {
        services.AddOptions<OpsHealthOptions>();
        services.TryAddOpsKitMeter();
        services.AddOpsSection<OpsHealthOptions>(OpsHealthOptions.SectionName);
        services.AddOpsConfigurationSection(new OpsConfigurationSection(CheckNames.SectionPath("*"), null) { Resolve = CheckSections.Shape });
        services.AddSingleton<IValidateOptions<OpsHealthOptions>, OpsHealthOptionsValidator>();
        services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>, ConfiguredChecksSetup>();
        services.TryAddSingleton(static sp => new HealthRedactor(sp.GetService<IConfiguration>()));
        services.TryAddSingleton<HealthCheckSetup>();
        services.TryAddSingleton(static sp => new StartupReport(() => sp.GetRequiredService<HealthCheckSetup>().Build().Errors));
        services.TryAddSingleton<HealthCheckRunner>();
        services.TryAddSingleton<MaintenanceState>();
        services.TryAddSingleton<LifecycleState>();
        services.TryAddSingleton<TrafficRefusal>();
        services.TryAddSingleton<IOpsAvailability>(static sp => sp.GetRequiredService<TrafficRefusal>());
        services.TryAddSingleton<IOpsHealthState, OpsHealthStateService>();

        // Publishers and other HealthCheckService callers read the snapshot instead of running every check again.
        var running = services.Last(d => d.ServiceType == typeof(HealthCheckService) && !d.IsKeyedService);
        services.Add(running switch
        {
            { ImplementationType: { } type } => ServiceDescriptor.KeyedSingleton(typeof(HealthCheckService), SnapshotHealthCheckService.RunningServiceKey, type),
            { ImplementationInstance: { } instance } => ServiceDescriptor.KeyedSingleton(typeof(HealthCheckService), SnapshotHealthCheckService.RunningServiceKey, instance),
            _ => ServiceDescriptor.KeyedSingleton(typeof(HealthCheckService), SnapshotHealthCheckService.RunningServiceKey, (sp, _) => running.ImplementationFactory!(sp)),
        });

        services.Replace(ServiceDescriptor.Singleton<HealthCheckService, SnapshotHealthCheckService>());
        services.TryAddSingleton<DetailsAccess>();
        services.TryAddSingleton<OperatorAccess>();
        services.TryAddSingleton<HealthEndpointHandlers>();
        AddLogLevelOverrides(services);
        services.AddSingleton<IListenerEndpoints, HealthListenerEndpoints>();

        var validateOnly = ValidateOnlyMode.IsRequested();
        var request = new ValidateOnlyRequest(validateOnly);
        services.TryAddSingleton(request);
        StartupFailureReport.Install(request);
        services.AddSingleton<ILoggerProvider, StartupFailureLogger>();
        services.Configure<LoggerFilterOptions>(static o =>
            o.Rules.Add(new LoggerFilterRule(typeof(StartupFailureLogger).FullName, StartupFailureLogger.HostCategory, LogLevel.Error, null)));
        if (validateOnly)
        {
            services.AddSingleton<IServer, ValidateOnlyServer>();

            // The report is the whole output: without this the host still logs "Application started" after a failed run,
            // and its "Hosting failed to start" entry would add a stack trace to the report.
            services.Configure<ConsoleLifetimeOptions>(static o => o.SuppressStatusMessages = true);
            services.Configure<LoggerFilterOptions>(static o => o.AddFilter(StartupFailureLogger.HostCategory, LogLevel.None));
        }

        services.AddHostedService<HealthEngineHostedService>();
    }

    // Registered with the engine, not by MapOpsLogging(): the logger factory reads its filter configuration when it is
    // built, before any endpoint is mapped. With no override active the post-configuration adds nothing.
    private static void AddLogLevelOverrides(IServiceCollection services)
    {
        services.AddOpsSection<LogLevelOverrideOptions>(LogLevelOverrideOptions.SectionName);
        services.AddSingleton<IOpsStartupValidation, LogLevelOverrideValidation>();
        services.TryAddSingleton<LogLevelOverrides>();
        services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(static sp => sp.GetRequiredService<LogLevelOverrides>());
        services.AddSingleton<IOptionsChangeTokenSource<LoggerFilterOptions>>(static sp => sp.GetRequiredService<LogLevelOverrides>());
        services.TryAddSingleton<LoggingEndpointHandler>();
        services.TryAddSingleton<DiagnosticsEndpointHandler>();
    }
}
