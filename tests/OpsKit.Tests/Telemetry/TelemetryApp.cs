using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpsKit.Health;

namespace OpsKit.Tests.Telemetry;

/// <summary>A Kestrel app with the health engine, <c>AddOpsTelemetry()</c>, the probes, <c>/metrics</c> and <c>/work</c>.</summary>
internal static class TelemetryApp
{
    public static Task<TestApp> StartAsync(
        Action<OpsHealthBuilder> checks,
        IDictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? services = null) =>
        TestApp.StartAsync(
            b =>
            {
                checks(b.Services.AddOpsHealth());
                b.Services.AddOpsTelemetry();
                // The exporter caches a scrape for 300 ms by default; tests that compare scrapes need fresh ones.
                b.Services.Configure<PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                services?.Invoke(b.Services);
            },
            configuration,
            map: app =>
            {
                app.MapOpsHealth();
                app.MapOpsMetrics();
                app.MapGet("/work", () => "done");
            });

    public static async Task<string> ScrapeTextAsync(this TestApp app)
    {
        using var response = await app.Client.GetAsync("/metrics");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<PrometheusText> ScrapeAsync(this TestApp app) => PrometheusText.Parse(await app.ScrapeTextAsync());
}
