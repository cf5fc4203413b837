using System.Collections.Concurrent;

namespace OpsKit.LoadComparison;

/// <summary>
/// The upstream both health variants check: <c>GET /{caller}/health</c> answers 200 and counts calls per caller, or,
/// while <see cref="Hang"/> is set, never answers (the request waits until the client gives up or <see cref="Release"/>).
/// </summary>
internal sealed class UpstreamStub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private CancellationTokenSource _release = new();

    private UpstreamStub(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public bool Hang { get; set; }

    public static async Task<UpstreamStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var stub = new UpstreamStub(app);
        app.MapGet("/{caller}/health", stub.HandleAsync);
        await app.StartAsync();
        stub.BaseAddress = new Uri(app.Urls.First());
        return stub;
    }

    public Uri UrlFor(string caller) => new(BaseAddress, $"/{caller}/health");

    public long Calls(string caller) => _calls.TryGetValue(caller, out var calls) ? calls : 0;

    /// <summary>Ends the hang: waiting requests complete and new ones are answered again.</summary>
    public void Release()
    {
        Hang = false;
        var release = _release;
        _release = new CancellationTokenSource();
        release.Cancel();
        release.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
        _release.Dispose();
    }

    private async Task<IResult> HandleAsync(string caller, HttpContext context)
    {
        _calls.AddOrUpdate(caller, 1, static (_, n) => n + 1);
        if (Hang)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _release.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Released or abandoned by the caller.
            }
        }

        return Results.Text("ok");
    }
}
