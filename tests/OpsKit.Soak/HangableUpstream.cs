using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpsKit.Soak;

/// <summary>An HTTP dependency on 127.0.0.1 that answers 200, or, while <see cref="Hangs"/>, holds every request open.</summary>
internal sealed class HangableUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile bool _hangs;

    private HangableUpstream(WebApplication app) => _app = app;

    public Uri HealthUrl { get; private set; } = null!;

    public bool Hangs
    {
        get => _hangs;
        set => _hangs = value;
    }

    public static async Task<HangableUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new HangableUpstream(app);
        app.MapGet("/health", async (HttpContext context) =>
        {
            if (upstream.Hangs)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
            }

            return Results.Text("ok");
        });
        await app.StartAsync().ConfigureAwait(false);
        upstream.HealthUrl = new Uri(new Uri(app.Urls.Single()), "/health");
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        Hangs = false;
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
