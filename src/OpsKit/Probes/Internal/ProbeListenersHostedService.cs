using System.Net.Sockets;
using Microsoft.Extensions.Primitives;
using OpsKit.Health;
using OpsKit.Hosting.Internal;

namespace OpsKit.Probes.Internal;

/// <summary>
/// Opens and closes the TCP probe ports as the engine's reported state changes (never by running a check), and runs the
/// HTTP probe listener. The readiness port closes when shutdown starts because readiness then reports stopping: the
/// port is never closed while <c>GET /health/ready</c> still answers 200.
/// </summary>
internal sealed class ProbeListenersHostedService(
    IOpsHealthState state,
    IOptions<OpsProbeListenerOptions> options,
    ValidateOnlyRequest validateOnly,
    HttpProbeListener http,
    ILogger<ProbeListenersHostedService> logger) : IHostedService, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(TcpProbeListener Listener, int Port, Func<OpsHealthReport, OpsProbeStatus> Probe)> _ports = [];
    private IDisposable? _changes;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (validateOnly.Enabled)
        {
            return;
        }

        var settings = options.Value;
        var address = ProbePorts.Address(settings);
        Add(ProbePorts.LiveKey, settings.LivePort, static r => r.Live);
        Add(ProbePorts.ReadyKey, settings.ReadyPort, static r => r.Ready);
        Add(ProbePorts.StartupKey, settings.StartupPort, static r => r.Startup);

        // The HTTP port first: once the readiness port accepts, every probe port answers.
        if (settings.HttpPort is { } httpPort)
        {
            try
            {
                await http.StartAsync(address, httpPort, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"{ProbePorts.HttpKey}: port {httpPort} cannot be opened ({e.Message}).", e);
            }
        }

        _changes = ChangeToken.OnChange(state.GetChangeToken, Update);
        // A port that cannot be bound at start fails the start, naming the key; later it is logged and retried.
        lock (_gate)
        {
            foreach (var (listener, port, probe) in _ports)
            {
                try
                {
                    listener.Set(probe(state.Current).IsPassing);
                }
                catch (SocketException e)
                {
                    throw new InvalidOperationException($"{listener.Key}: port {port} cannot be opened ({e.SocketErrorCode}).", e);
                }
            }
        }

        void Add(string key, int? port, Func<OpsHealthReport, OpsProbeStatus> probe)
        {
            if (port is { } p)
            {
                _ports.Add((new TcpProbeListener(key, address, p), p, probe));
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Close();
        await http.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await http.DisposeAsync().ConfigureAwait(false);
    }

    private void Update()
    {
        lock (_gate)
        {
            var report = state.Current;
            foreach (var (listener, port, probe) in _ports)
            {
                var open = probe(report).IsPassing;
                try
                {
                    listener.Set(open);
                }
                catch (SocketException e)
                {
                    Log.ProbePortNotOpened(logger, listener.Key, port, e.SocketErrorCode.ToString());
                }
            }
        }
    }

    private void Close()
    {
        _changes?.Dispose();
        lock (_gate)
        {
            foreach (var (listener, _, _) in _ports)
            {
                listener.Dispose();
            }
        }
    }
}
