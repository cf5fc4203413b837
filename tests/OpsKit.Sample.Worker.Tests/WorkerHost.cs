using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OpsKit.Sample.Worker.Tests;

/// <summary>The sample worker running in this process on free loopback probe ports.</summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private WorkerHost(IHost host, WorkerPorts ports)
    {
        Host = host;
        Ports = ports;
        Client = new HttpClient { BaseAddress = ports.HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public IHost Host { get; }

    public WorkerPorts Ports { get; }

    public HttpClient Client { get; }

    public static async Task<WorkerHost> StartAsync(string? redis = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var ports = WorkerPorts.Free();
        var host = WorkerApp.Create([], builder => builder.Configuration.AddInMemoryCollection(ports.Settings(redis)).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        await host.StartAsync();
        return new WorkerHost(host, ports);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.StopAsync();
        Host.Dispose();
    }
}
