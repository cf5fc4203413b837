using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OpsKit.Hosting.Internal;
using OpsKit.Telemetry;
using OpsKit.Telemetry.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers OpsKit's OpenTelemetry set-up.
/// </summary>
public static class OpsTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds OpenTelemetry metrics for the OpsKit meter, ASP.NET Core (<c>Microsoft.AspNetCore.Hosting</c>,
    /// <c>Microsoft.AspNetCore.Server.Kestrel</c>), HttpClient (<c>System.Net.Http</c>), the .NET runtime
    /// (<c>System.Runtime</c>), <c>Npgsql</c> and <c>Polly</c>. Every exporter of the app's meter provider (OTLP, or
    /// any the app adds) gets the semantic-convention names unchanged; the Prometheus endpoint that
    /// <c>MapOpsMetrics()</c> serves reads a second provider over the same meters, in which only the standard gauges
    /// whose names end in <c>.count</c> are renamed so that <c>promtool check metrics</c> accepts the output
    /// (docs/metrics.md). Histogram buckets come from <c>OpsKit:Telemetry:HistogramBuckets</c> (the request durations
    /// default to OpenTelemetry's recommended 0.005 … 10 s). Resource attributes <c>service.name</c>,
    /// <c>service.version</c> and <c>service.instance.id</c> are set. When the environment variable
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, traces, logs and metrics are also exported over OTLP, configured by
    /// the standard <c>OTEL_EXPORTER_OTLP_*</c> variables; the traces include one span per health check run (source
    /// <see cref="OpsKitTelemetry.ActivitySourceName"/>). Probe and scrape requests are left out of traces. No
    /// attribute that can carry a connection string reaches any exporter: Npgsql's pool name is removed from its
    /// instruments, and span attributes holding a connection string are removed (docs/metrics.md).
    /// Options under <c>OpsKit:Telemetry</c> (bound over <paramref name="configure"/>) are validated at start-up with
    /// errors that name the key. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Telemetry options set in code; configuration values take precedence.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddOpsTelemetry(this IServiceCollection services, Action<OpsTelemetryOptions>? configure = null)
    {
        if (services.ConfigureOpsCapability<OpsTelemetryOptions, OpsTelemetryMarker>(configure) is not { } options)
        {
            return services;
        }

        services.AddSingleton<OpsTelemetryMarker>();
        services.TryAddOpsKitMeter();
        options.ValidateOnStart();
        services.AddOpsSection<OpsTelemetryOptions>(OpsTelemetryOptions.SectionName);
        services.AddSingleton<IValidateOptions<OpsTelemetryOptions>, OpsTelemetryOptionsValidator>();
        services.TryAddSingleton<ProbeTrafficFilter>();
        services.AddSingleton<IListenerEndpoints, MetricsListenerEndpoints>();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(sp => new OpsResourceDetector(
                CurrentOrDefault(sp.GetRequiredService<IOptions<OpsTelemetryOptions>>()),
                sp.GetService<IConfiguration>(),
                sp.GetService<IHostEnvironment>())))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(OpsKitTelemetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql", "Polly");
            });
        services.ConfigureOpenTelemetryMeterProvider(TelemetryViews.AddViews);
        services.AddSingleton<ExportedMeters>();
        services.AddSingleton<PrometheusMeterProvider>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PrometheusMeterProvider>());

        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            services.AddOptions<AspNetCoreTraceInstrumentationOptions>().Configure<ProbeTrafficFilter>((trace, filter) =>
            {
                var previous = trace.Filter;
                trace.Filter = context => !filter.IsExcluded(context.Request.Path) && (previous?.Invoke(context) ?? true);
            });
            telemetry
                .WithTracing(tracing => tracing
                    .AddProcessor(new ConnectionStringSpanTags())
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddSource("Npgsql", OpsKitTelemetry.ActivitySourceName))
                .WithLogging()
                .UseOtlpExporter();
        }

        return services;
    }

    private static OpsTelemetryOptions CurrentOrDefault(IOptions<OpsTelemetryOptions> options)
    {
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException)
        {
            return new OpsTelemetryOptions();
        }
    }
}
