using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace OpsKit.Soak;

/// <summary>
/// Times each probe inside the sample: Kestrel's own request start and stop events (read over EventPipe from the running
/// process, no change to the sample), so a window's p99 says what the sample took, whatever the prober's own delays. It
/// does not see time a request spends before Kestrel parses it (a starved thread pool that reads no socket), which is why
/// the report shows the prober's figure beside it.
/// </summary>
internal sealed class ServerProbeTimer : IDisposable
{
    private const string KestrelProvider = "Microsoft-AspNetCore-Server-Kestrel";
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Thread _reader;
    private readonly Dictionary<string, double> _started = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private List<double> _window = [];

    private ServerProbeTimer(int processId)
    {
        var client = new DiagnosticsClient(processId);
        _session = client.StartEventPipeSession([new EventPipeProvider(KestrelProvider, EventLevel.Verbose)], requestRundown: false, circularBufferMB: 64);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Dynamic.All += OnEvent;
        _reader = new Thread(Read) { IsBackground = true, Name = "soak server probe timer" };
        _reader.Start();
    }

    public static ServerProbeTimer Start(int processId) => new(processId);

    /// <summary>The probes (ms, Kestrel's request start to stop) that ended since the previous call, sorted.</summary>
    public List<double> TakeWindow()
    {
        lock (_gate)
        {
            var window = _window;
            _window = new List<double>(window.Count);
            window.Sort();
            return window;
        }
    }

    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (ServerNotAvailableException)
        {
            // The sample has exited: its stream has ended too.
        }

        _reader.Join(TimeSpan.FromSeconds(10));
        _source.Dispose();
        _session.Dispose();
    }

    private void Read()
    {
        try
        {
            _source.Process();
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ObjectDisposedException)
        {
            // The session was stopped, or the sample exited.
        }
    }

    private void OnEvent(TraceEvent e)
    {
        if (e.ProviderName != KestrelProvider || e.PayloadByName("requestId") is not string request)
        {
            return;
        }

        switch (e.EventName)
        {
            case "Request/Start" when IsProbe(e.PayloadByName("path") as string):
                _started[request] = e.TimeStampRelativeMSec;
                break;
            case "Request/Stop" when _started.Remove(request, out var startedAt):
                lock (_gate)
                {
                    _window.Add(e.TimeStampRelativeMSec - startedAt);
                }

                break;
        }
    }

    private static bool IsProbe(string? path) => path is "/health/live" or "/health/ready";
}
