using System.Diagnostics;
using System.Net;

namespace OpsKit.Soak;

/// <summary>
/// Kubernetes-style probes at a fixed rate (<c>/health/live</c> and <c>/health/ready</c> in turn) plus application
/// traffic (<c>GET /</c>, a tenth of the probe rate), each request timed; 200 and 503 are answers, anything else an error.
/// </summary>
internal sealed class ProbeStorm : IAsyncDisposable
{
    private const int Loops = 4;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly Lock _gate = new();
    private readonly ClientLagMonitor _lag = new();
    private TimeSpan _gcPause = GC.GetTotalPauseDuration();
    private List<double> _window = [];
    private long _errors;
    private long _requests;

    public ProbeStorm(Uri address, int probesPerSecond)
    {
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Loops + 1 })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var probeInterval = TimeSpan.FromSeconds(Loops / (double)probesPerSecond);
        for (var i = 0; i < Loops; i++)
        {
            var paths = i % 2 == 0 ? new[] { "/health/live", "/health/ready" } : ["/health/ready", "/health/live"];
            _loops.Add(RunAsync(paths, probeInterval, timed: true));
        }

        _loops.Add(RunAsync(["/"], probeInterval * 10 / Loops, timed: false));
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>The probe latencies (ms) since the previous call.</summary>
    private List<double> TakeWindow()
    {
        lock (_gate)
        {
            var window = _window;
            _window = new List<double>(window.Count);
            return window;
        }
    }

    /// <summary>The probes since the previous call, with this process's own worst lag (see <see cref="ClientLagMonitor"/>).</summary>
    public ProbeWindow TakeProbeWindow()
    {
        var window = TakeWindow().Order().ToList();
        var gcPause = GC.GetTotalPauseDuration();
        var gcPauseInWindow = gcPause - _gcPause;
        _gcPause = gcPause;
        return new ProbeWindow(
            window.Count,
            ProbeWindow.Percentile(window, 0.99),
            window.Count == 0 ? 0 : window[^1],
            _lag.TakeWorstMilliseconds(),
            gcPauseInWindow.TotalMilliseconds,
            Requests,
            Errors);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _lag.Dispose();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(string[] paths, TimeSpan interval, bool timed)
    {
        using var timer = new PeriodicTimer(interval);
        var next = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var path = paths[next++ % paths.Length];
                var started = Stopwatch.GetTimestamp();
                var answered = await AnswersAsync(path).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Increment(ref _requests);
                if (!answered)
                {
                    Interlocked.Increment(ref _errors);
                }
                else if (timed)
                {
                    lock (_gate)
                    {
                        _window.Add(elapsed);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> AnswersAsync(string path)
    {
        try
        {
            using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), _stop.Token).ConfigureAwait(false);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!_stop.IsCancellationRequested)
        {
            return false;
        }
    }
}
