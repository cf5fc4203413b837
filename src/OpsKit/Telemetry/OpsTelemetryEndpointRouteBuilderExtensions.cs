using Microsoft.AspNetCore.Routing;
using OpsKit.Hosting.Internal;
using OpsKit.Telemetry;
using OpsKit.Telemetry.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the OpsKit Prometheus scraping endpoint.
/// </summary>
public static class OpsTelemetryEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Prometheus scraping endpoint at <c>OpsKit:Telemetry:MetricsPath</c> (default <c>/metrics</c>), serving
    /// the classic text format (<c>text/plain; version=0.0.4</c>) unless the scraper asks for OpenMetrics. Scrapes read
    /// the last observed values (health gauges come from the snapshot; a scrape never runs a check) and are left out
    /// of the HTTP server metrics while <c>ExcludeProbeTraffic</c> is on. The endpoint has no authorization of its own:
    /// add it on the returned builder if a fallback policy should not apply. Requires <c>AddOpsTelemetry()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapOpsMetrics(this IEndpointRouteBuilder endpoints)
    {
        EndpointMapping.Require<OpsTelemetryMarker>(endpoints, "MapOpsMetrics()", "the OpsKit telemetry services", "AddOpsTelemetry()");
        var services = endpoints.ServiceProvider;
        var options = EndpointMapping.OptionsOrDefaults<OpsTelemetryOptions>(services);
        var provider = services.GetRequiredService<PrometheusMeterProvider>().Provider;
        var endpoint = endpoints.MapPrometheusScrapingEndpoint(options.MetricsPath, provider, configureBranchedPipeline: null, optionsName: null)
            .WithDisplayName("OpsKit metrics");
        if (options.ExcludeProbeTraffic)
        {
            endpoint.DisableHttpMetrics();
        }

        return endpoint;
    }
}
