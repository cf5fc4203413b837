using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace OpsKit.Telemetry.Internal;

/// <summary>
/// The meter provider <c>MapOpsMetrics()</c> serves. OpenTelemetry's views apply to every reader of a provider, so the
/// renames Prometheus' linter needs (<see cref="TelemetryViews.PrometheusRenames"/>) would reach OTLP too if the
/// Prometheus exporter sat in the app's provider. This second provider exports the same meters as the app's
/// (<see cref="ExportedMeters"/>), with the same resource, buckets and connection-string removal, plus the renames. It
/// is built when the host starts, so that counters count from the start, like the app's provider.
/// </summary>
internal sealed class PrometheusMeterProvider : IHostedService, IDisposable
{
    private readonly Lazy<MeterProvider> _provider;

    public PrometheusMeterProvider(IServiceProvider services) =>
        _provider = new Lazy<MeterProvider>(() => Build(services));

    public MeterProvider Provider => _provider.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _provider.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (_provider.IsValueCreated)
        {
            _provider.Value.Dispose();
        }
    }

    private static MeterProvider Build(IServiceProvider services)
    {
        var resource = services.GetRequiredService<MeterProvider>().GetResource();
        var exporterOptions = services.GetRequiredService<IOptionsMonitor<PrometheusAspNetCoreOptions>>().CurrentValue;
        var builder = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddAttributes(resource.Attributes))
            .AddPrometheusExporter(options => CopyExporterOptions(exporterOptions, options));
        TelemetryViews.AddPrometheusViews(services, builder);
        return builder.Build();
    }

    /// <summary>Settings an app gives the exporter in its own services (for example the scrape cache) still apply.</summary>
    private static void CopyExporterOptions(PrometheusAspNetCoreOptions from, PrometheusAspNetCoreOptions to)
    {
        to.ScrapeResponseCacheDurationMilliseconds = from.ScrapeResponseCacheDurationMilliseconds;
        to.DisableTotalNameSuffixForCounters = from.DisableTotalNameSuffixForCounters;
        to.ScopeInfoEnabled = from.ScopeInfoEnabled;
        to.TargetInfoEnabled = from.TargetInfoEnabled;
        to.TranslationStrategy = from.TranslationStrategy;
        to.MaxScrapeResponseSizeBytes = from.MaxScrapeResponseSizeBytes;
        to.ScrapeResponseTimeoutMilliseconds = from.ScrapeResponseTimeoutMilliseconds;
        to.ResourceConstantLabels = from.ResourceConstantLabels;
    }
}
