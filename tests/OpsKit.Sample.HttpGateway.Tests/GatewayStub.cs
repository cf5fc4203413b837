using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>
/// A stand-in for HttpCG's gateway: Kestrel on 127.0.0.1 (HTTP, or HTTPS with a test certificate) serving
/// <c>/health</c> and <c>/quotes/{id}</c> with delays the test controls.
/// </summary>
internal sealed class GatewayStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _quoteRequests;

    private GatewayStub(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The stub's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>How long <c>/health</c> waits before answering 200.</summary>
    public TimeSpan HealthDelay { get; set; }

    /// <summary>How long <c>/quotes/{id}</c> waits before answering.</summary>
    public TimeSpan QuoteDelay { get; set; }

    public int QuoteRequests => Volatile.Read(ref _quoteRequests);

    public Uri Health => new(Address, "health");

    public static async Task<GatewayStub> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            if (certificate is not null)
            {
                l.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        GatewayStub? stub = null;
        app.MapGet("/health", async (HttpContext context) =>
        {
            await Task.Delay(stub!.HealthDelay, context.RequestAborted);
            return "ok";
        });
        app.MapGet("/quotes/{id:int}", async (int id, HttpContext context) =>
        {
            Interlocked.Increment(ref stub!._quoteRequests);
            await Task.Delay(stub.QuoteDelay, context.RequestAborted);
            return Results.Json(new Quote(id, "HCG", 101.25m));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub = new GatewayStub(app, new Uri(address.TrimEnd('/') + "/"));
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    internal sealed record Quote(int Id, string Symbol, decimal Price);
}
