using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace OpsKit.Benchmarks.Telemetry;

/// <summary>
/// One <c>GET /metrics</c>: OpsKit with 20 checks (gauges read from the snapshot) against a plain OpenTelemetry app
/// with the same ASP.NET Core/HttpClient/runtime instrumentation and Prometheus exporter but no OpsKit. The response
/// cache is off so every scrape collects. BenchmarkDotNet runs each case in its own process, so each process holds
/// one app (a meter provider listens to same-named meters process-wide).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ScrapeBenchmarks
{
    private const int CheckCount = 20;
    private WebApplication? _app;
    private HttpClient? _client;

    [GlobalSetup(Target = nameof(PlainOpenTelemetryScrape))]
    public Task SetupPlain() => StartAsync(services => services.AddOpenTelemetry().WithMetrics(m => m
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddRuntimeInstrumentation()
        .AddPrometheusExporter()), app => app.MapPrometheusScrapingEndpoint("/metrics"));

    [GlobalSetup(Target = nameof(OpsKitScrapeWith20Checks))]
    public async Task SetupOpsKit()
    {
        await StartAsync(services =>
        {
            var health = services.AddOpsHealth(o => o.Period = TimeSpan.FromSeconds(10));
            for (var i = 0; i < CheckCount; i++)
            {
                health.HealthChecks.AddCheck($"check-{i:00}", () => HealthCheckResult.Healthy());
            }

            services.AddOpsTelemetry();
        }, app =>
        {
            app.MapOpsHealth();
            app.MapOpsMetrics();
        });

        // Steady state: every check has a result, so the scrape carries 20 status series and 20 duration histograms.
        while (!(await _client!.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Contains("check=\"check-19\"", StringComparison.Ordinal))
        {
            await Task.Delay(10);
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<string> PlainOpenTelemetryScrape() => _client!.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    [Benchmark]
    public Task<string> OpsKitScrapeWith20Checks() => _client!.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    private async Task StartAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["OpsKit:Health:ShutdownDelay"] = "00:00:00";
        services(builder.Services);
        builder.Services.Configure<PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
        _app = builder.Build();
        map(_app);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }
}
