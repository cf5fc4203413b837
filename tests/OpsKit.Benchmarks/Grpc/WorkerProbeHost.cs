using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsKit.Testing;

namespace OpsKit.Benchmarks.Grpc;

/// <summary>
/// A worker on the generic host with <c>AddOpsProbeListeners()</c> and trivial checks: its readiness TCP port and its
/// HTTP probe port, as a kubelet's <c>tcpSocket:</c> and <c>httpGet:</c> probes reach them.
/// </summary>
internal sealed class WorkerProbeHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IPEndPoint _readyPort;

    private WorkerProbeHost(IHost host, IPEndPoint readyPort, HttpClient http)
    {
        _host = host;
        _readyPort = readyPort;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<WorkerProbeHost> StartAsync(int checkCount)
    {
        var readyPort = FreePort.Get();
        var httpPort = FreePort.Get();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:10",
            ["OpsKit:Health:ShutdownDelay"] = "00:00:00",
            ["OpsKit:Health:Probes:Address"] = "Loopback",
            ["OpsKit:Health:Probes:ReadyPort"] = readyPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpsKit:Health:Probes:HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var health = builder.Services.AddOpsHealth();
        builder.Services.AddOpsProbeListeners();
        for (var i = 0; i < checkCount; i++)
        {
            health.HealthChecks.AddCheck($"check-{i}", () => HealthCheckResult.Healthy());
        }

        var host = builder.Build();
        await host.StartAsync();
        var worker = new WorkerProbeHost(host, new IPEndPoint(IPAddress.Loopback, readyPort), new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") });
        while (!await worker.ConnectReadyPortAsync())
        {
            await Task.Delay(10);
        }

        return worker;
    }

    /// <summary>
    /// Connects to the readiness port and closes. The close is an RST, so a run does not fill the ephemeral ports with
    /// TIME_WAIT; the kubelet closes normally.
    /// </summary>
    public async Task<bool> ConnectReadyPortAsync()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.LingerState = new LingerOption(true, 0);
        try
        {
            await socket.ConnectAsync(_readyPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
