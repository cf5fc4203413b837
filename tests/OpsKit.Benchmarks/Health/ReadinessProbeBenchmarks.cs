using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace OpsKit.Benchmarks.Health;

/// <summary>
/// One readiness request with five checks: OpsKit's snapshot-backed <c>/health/ready</c> against ASP.NET Core's
/// <c>MapHealthChecks</c>, which runs every check on every request. In-memory TestServer, so the numbers are the
/// framework's cost, not the network's.
/// </summary>
[MemoryDiagnoser]
public class ReadinessProbeBenchmarks
{
    private const int CheckCount = 5;
    private WebApplication? _opsKit;
    private WebApplication? _plain;
    private HttpClient? _opsKitClient;
    private HttpClient? _plainClient;

    /// <summary>How long each check takes: 0 (trivial) or 50 ms (a slow dependency).</summary>
    [Params(0, 50)]
    public int CheckDelayMs { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _opsKit = await StartAsync(services =>
        {
            var health = services.AddOpsHealth(o => o.Period = TimeSpan.FromSeconds(10));
            for (var i = 0; i < CheckCount; i++)
            {
                health.HealthChecks.AddAsyncCheck($"check-{i}", Check);
            }
        }, app => app.MapOpsHealth());
        _plain = await StartAsync(services =>
        {
            var health = services.AddHealthChecks();
            for (var i = 0; i < CheckCount; i++)
            {
                health.AddAsyncCheck($"check-{i}", Check);
            }
        }, app => app.MapHealthChecks("/health/ready"));
        _opsKitClient = _opsKit.GetTestClient();
        _plainClient = _plain.GetTestClient();

        // Wait for OpsKit's first snapshot, so the benchmark measures the steady state.
        while ((await _opsKitClient.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode != System.Net.HttpStatusCode.OK)
        {
            await Task.Delay(10);
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _opsKitClient?.Dispose();
        _plainClient?.Dispose();
        if (_opsKit is not null)
        {
            await _opsKit.DisposeAsync();
        }

        if (_plain is not null)
        {
            await _plain.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<int> PlainMapHealthChecks()
    {
        using var response = await _plainClient!.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (int)response.StatusCode;
    }

    [Benchmark]
    public async Task<int> OpsKitReady()
    {
        using var response = await _opsKitClient!.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (int)response.StatusCode;
    }

    private async Task<HealthCheckResult> Check()
    {
        if (CheckDelayMs > 0)
        {
            await Task.Delay(CheckDelayMs);
        }

        return HealthCheckResult.Healthy();
    }

    private static async Task<WebApplication> StartAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["OpsKit:Health:ShutdownDelay"] = "00:00:00";
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }
}
