using System.Net;
using BenchmarkDotNet.Attributes;
using global::Grpc.Health.V1;
using HealthClient = global::Grpc.Health.V1.Health.HealthClient;
using global::Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpsKit.Testing;

namespace OpsKit.Benchmarks.Grpc;

/// <summary>
/// One health question with five trivial checks, over real loopback sockets on Kestrel: OpsKit.Grpc's <c>Check</c>
/// (h2c), Grpc.AspNetCore.HealthChecks' own service with its defaults (h2c; it runs the checks per call), and OpsKit's
/// <c>/health/ready</c> over HTTP/1.1 as a kubelet asks it; and a worker on the generic host with the same checks
/// (<see cref="WorkerProbeHost"/>): a <c>tcpSocket:</c> probe of its readiness port and <c>/health/ready</c> on its HTTP
/// probe port.
/// </summary>
[MemoryDiagnoser]
public class GrpcHealthBenchmarks
{
    private const int CheckCount = 5;
    private static readonly HealthCheckRequest Overall = new() { Service = string.Empty };
    private WebApplication? _opsKit;
    private WebApplication? _stock;
    private GrpcChannel? _opsKitChannel;
    private GrpcChannel? _stockChannel;
    private HealthClient? _opsKitGrpc;
    private HealthClient? _stockGrpc;
    private HttpClient? _opsKitHttp;
    private WorkerProbeHost? _worker;

    [GlobalSetup]
    public async Task Setup()
    {
        var opsKitHttpPort = FreePort.Get();
        var opsKitGrpcPort = FreePort.Get();
        var stockGrpcPort = FreePort.Get();
        _opsKit = await StartAsync(
            services =>
            {
                var health = services.AddOpsGrpcHealth();
                services.Configure<OpsKit.Health.OpsHealthOptions>(o => o.Period = TimeSpan.FromSeconds(10));
                for (var i = 0; i < CheckCount; i++)
                {
                    health.HealthChecks.AddCheck($"check-{i}", () => HealthCheckResult.Healthy());
                }
            },
            app =>
            {
                app.MapOpsHealth();
                app.MapOpsGrpcHealth();
            },
            (opsKitHttpPort, HttpProtocols.Http1),
            (opsKitGrpcPort, HttpProtocols.Http2));
        _stock = await StartAsync(
            services =>
            {
                services.AddGrpc();
                var health = services.AddGrpcHealthChecks();
                for (var i = 0; i < CheckCount; i++)
                {
                    health.AddCheck($"check-{i}", () => HealthCheckResult.Healthy());
                }
            },
            app => app.MapGrpcHealthChecksService(),
            (stockGrpcPort, HttpProtocols.Http2));

        _opsKitChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{opsKitGrpcPort}");
        _stockChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{stockGrpcPort}");
        _opsKitGrpc = new HealthClient(_opsKitChannel);
        _stockGrpc = new HealthClient(_stockChannel);
        _opsKitHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{opsKitHttpPort}") };
        _worker = await WorkerProbeHost.StartAsync(CheckCount);

        // Measure the steady state: OpsKit's first snapshot exists.
        while ((await _opsKitGrpc.CheckAsync(Overall)).Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            await Task.Delay(10);
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _opsKitHttp?.Dispose();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        _opsKitChannel?.Dispose();
        _stockChannel?.Dispose();
        foreach (var app in new[] { _opsKit, _stock })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<int> StockGrpcHealthChecksCheck() => (int)(await _stockGrpc!.CheckAsync(Overall)).Status;

    [Benchmark]
    public async Task<int> OpsKitGrpcCheck() => (int)(await _opsKitGrpc!.CheckAsync(Overall)).Status;

    [Benchmark]
    public async Task<int> OpsKitReadyHttp11()
    {
        using var response = await _opsKitHttp!.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (int)response.StatusCode;
    }

    [Benchmark]
    public Task<bool> WorkerTcpReadyPort() => _worker!.ConnectReadyPortAsync();

    [Benchmark]
    public async Task<int> WorkerReadyHttp11()
    {
        using var response = await _worker!.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (int)response.StatusCode;
    }

    private static async Task<WebApplication> StartAsync(
        Action<IServiceCollection> services, Action<WebApplication> map, params (int Port, HttpProtocols Protocols)[] endpoints)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var (port, protocols) in endpoints)
            {
                k.Listen(IPAddress.Loopback, port, l => l.Protocols = protocols);
            }
        });
        builder.Logging.ClearProviders();
        builder.Configuration["OpsKit:Health:ShutdownDelay"] = "00:00:00";
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }
}
