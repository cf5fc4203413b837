using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsKit.Sample.ApiFront.Tests;

/// <summary>
/// Stand-ins for Lucid's downstream services on one Kestrel app at 127.0.0.1: the blockchain engine's <c>/health</c>
/// (status code set by the test) and the search cluster's <c>/_cluster/health</c> (<c>{"status": …}</c> set by the
/// test). Its port also serves as the TCP port of the mongodb and rdp-server checks.
/// </summary>
internal sealed class Downstreams : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Downstreams(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    public int BlockchainEngineStatus { get; set; } = StatusCodes.Status200OK;

    public string SearchClusterStatus { get; set; } = "green";

    public static async Task<Downstreams> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        Downstreams? stubs = null;
        app.MapGet("/health", () => Results.StatusCode(stubs!.BlockchainEngineStatus));
        app.MapGet("/_cluster/health", () => Results.Json(new Dictionary<string, object> { ["cluster_name"] = "lucid", ["status"] = stubs!.SearchClusterStatus }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stubs = new Downstreams(app, new Uri(address));
        return stubs;
    }

    public Uri Url(string path) => new(Address, path);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
