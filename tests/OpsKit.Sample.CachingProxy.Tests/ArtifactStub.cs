using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>
/// An upstream artefact repository on 127.0.0.1 (Kestrel): <c>/</c> answers 200 (the health check's base URL),
/// <c>/files/{name}?bytes=</c> a small artefact, <c>/stream?mb=&amp;rateMBps=&amp;headerDelayMs=&amp;pauseAfterMB=&amp;pauseMs=</c>
/// a large one written in 64 KB chunks at a paced rate. Counts requests per path; <see cref="StopAsync"/> closes the port.
/// </summary>
internal sealed class ArtifactStub : IAsyncDisposable
{
    public const int MB = 1024 * 1024;
    private const int Chunk = 64 * 1024;
    private static readonly byte[] Filler = CreateFiller();
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public static async Task<ArtifactStub> StartAsync()
    {
        var stub = new ArtifactStub();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        stub.Map(app);
        await app.StartAsync();
        stub._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.Url = new Uri(address + "/");
        return stub;
    }

    /// <summary>The artefact bytes a <c>/files/…?bytes=n</c> request returns.</summary>
    public static byte[] FileContent(int bytes) => Filler.AsSpan(0, bytes).ToArray();

    /// <summary>Stops Kestrel: the port is closed, connections are refused.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(stop.Token);
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static byte[] CreateFiller()
    {
        var bytes = new byte[Chunk];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }

        return bytes;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/", () => "stub repository");
        app.MapGet("/files/{name}", async (HttpContext context) =>
        {
            var bytes = int.TryParse(context.Request.Query["bytes"], out var n) ? n : 4096;
            context.Response.ContentType = "application/java-archive";
            context.Response.ContentLength = bytes;
            await context.Response.Body.WriteAsync(Filler.AsMemory(0, bytes), context.RequestAborted);
        });
        app.MapGet("/stream/{name}", async (HttpContext context) =>
        {
            var query = context.Request.Query;
            double Number(string key, double fallback) => double.TryParse(query[key], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;
            var aborted = context.RequestAborted;
            await Task.Delay(TimeSpan.FromMilliseconds(Number("headerDelayMs", 0)), aborted);
            var total = (long)(Number("mb", 1) * MB);
            var rate = Number("rateMBps", 0) * MB;
            var pauseAt = (long)(Number("pauseAfterMB", -1) * MB);
            context.Response.ContentType = "application/gzip";
            context.Response.ContentLength = total;
            await context.Response.StartAsync(aborted);
            var clock = Stopwatch.StartNew();
            long written = 0;
            var paused = false;
            while (written < total)
            {
                if (!paused && pauseAt >= 0 && written >= pauseAt)
                {
                    paused = true;
                    await context.Response.Body.FlushAsync(aborted);
                    await Task.Delay(TimeSpan.FromMilliseconds(Number("pauseMs", 0)), aborted);
                    clock.Restart();
                    total -= written;
                    written = 0;
                    pauseAt = -1;
                }

                var size = (int)Math.Min(Chunk, total - written);
                await context.Response.Body.WriteAsync(Filler.AsMemory(0, size), aborted);
                written += size;
                if (rate > 0)
                {
                    // Paced: never ahead of rate × elapsed.
                    var due = TimeSpan.FromSeconds(written / rate) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, aborted);
                    }
                }
            }
        });
    }
}
