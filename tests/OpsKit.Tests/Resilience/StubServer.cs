using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpsKit.Tests.Resilience;

/// <summary>
/// A Kestrel upstream on 127.0.0.1 with controllable status, header delay and body pacing; counts requests per path.
/// </summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private TestApp? _app;
    private int _failuresLeft;

    public int Status { get; set; } = 200;

    /// <summary>How many requests to <c>/flaky</c> still get <see cref="Status"/> (and <see cref="RetryAfter"/>); the rest get 200.</summary>
    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    /// <summary>The <c>Retry-After</c> value of <c>/flaky</c>'s failures; a function, so an HTTP-date can follow a clock.</summary>
    public Func<string>? RetryAfter { get; set; }

    public Uri Url => _app!.Client.BaseAddress!;

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public static async Task<StubServer> StartAsync()
    {
        var stub = new StubServer();
        stub._app = await TestApp.StartAsync(_ => { }, map: stub.Map);
        return stub;
    }


    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapMethods("/status", ["GET", "POST", "PUT", "PATCH", "DELETE"], (HttpContext context) =>
        {
            context.Response.StatusCode = Status;
            return context.Response.WriteAsync("stub");
        });

        app.MapMethods("/flaky", ["GET", "POST"], (HttpContext context) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) < 0)
            {
                Interlocked.Increment(ref _failuresLeft);
                return context.Response.WriteAsync("ok");
            }

            context.Response.StatusCode = Status;
            if (RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter();
            }

            return context.Response.WriteAsync("failing");
        });

        // /stream?headerDelayMs=&chunks=&chunkBytes=&intervalMs=&pauseAfter=&pauseMs=
        app.MapGet("/stream", async (HttpContext context) =>
        {
            var query = context.Request.Query;
            int Int(string key, int fallback) => int.TryParse(query[key], out var v) ? v : fallback;
            var aborted = context.RequestAborted;
            await Task.Delay(Int("headerDelayMs", 0), aborted);
            var chunks = Int("chunks", 10);
            var chunk = new byte[Int("chunkBytes", 1024)];
            context.Response.ContentLength = (long)chunks * chunk.Length;
            await context.Response.StartAsync(aborted);
            for (var i = 0; i < chunks; i++)
            {
                if (i == Int("pauseAfter", -1))
                {
                    await Task.Delay(Int("pauseMs", 0), aborted);
                }

                await context.Response.Body.WriteAsync(chunk, aborted);
                await context.Response.Body.FlushAsync(aborted);
                await Task.Delay(Int("intervalMs", 0), aborted);
            }
        });
    }
}
