using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsKit.Benchmarks.Telemetry;

/// <summary>
/// Throughput of a trivial endpoint on real Kestrel (127.0.0.1, keep-alive, 32 requests in flight) without telemetry
/// and with <c>AddOpsTelemetry()</c> + <c>MapOpsMetrics()</c> (HTTP server, Kestrel, runtime metrics recorded for every
/// request). Both apps also run the health engine. Each case runs in its own process.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TelemetryThroughputBenchmarks
{
    private const int InFlight = 32;
    private static readonly Uri Work = new("/work", UriKind.Relative);
    private WebApplication? _app;
    private HttpClient? _client;

    [GlobalSetup(Target = nameof(TelemetryOff))]
    public Task SetupOff() => StartAsync(telemetry: false);

    [GlobalSetup(Target = nameof(TelemetryOn))]
    public Task SetupOn() => StartAsync(telemetry: true);

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = InFlight)]
    public Task TelemetryOff() => Burst();

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task TelemetryOn() => Burst();

    private Task Burst()
    {
        var requests = new Task[InFlight];
        for (var i = 0; i < InFlight; i++)
        {
            requests[i] = _client!.GetStringAsync(Work);
        }

        return Task.WhenAll(requests);
    }

    private async Task StartAsync(bool telemetry)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["OpsKit:Health:ShutdownDelay"] = "00:00:00";
        builder.Services.AddOpsHealth();
        if (telemetry)
        {
            builder.Services.AddOpsTelemetry();
        }

        _app = builder.Build();
        _app.MapGet("/work", () => "done");
        _app.MapOpsHealth();
        if (telemetry)
        {
            _app.MapOpsMetrics();
        }

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight }) { BaseAddress = new Uri(address) };
        await Burst();
    }
}
