using Microsoft.Extensions.Logging.Abstractions;

namespace OpsKit.Slo.Internal;

/// <summary>
/// Feeds the objectives from ASP.NET Core's own <c>http.server.request.duration</c> (meter
/// <c>Microsoft.AspNetCore.Hosting</c>) through a <see cref="MeterListener"/>, so requests are timed once, by the
/// framework, and probe/scrape endpoints excluded with <c>DisableHttpMetrics()</c> are excluded here too. Only the
/// meter created by this host's <see cref="IMeterFactory"/> is followed (several hosts in a process stay apart).
/// Evaluates every objective once a second.
/// </summary>
internal sealed class SloRequestListener : IHostedService, IDisposable
{
    public const string HostingMeter = "Microsoft.AspNetCore.Hosting";
    public const string RequestDuration = "http.server.request.duration";
    public static readonly TimeSpan EvaluationPeriod = TimeSpan.FromSeconds(1);

    private readonly SloMonitor _monitor;
    private readonly IMeterFactory? _meterFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MeterListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public SloRequestListener(SloMonitor monitor, TimeProvider time, IMeterFactory? meterFactory = null, ILogger<SloRequestListener>? logger = null)
    {
        _monitor = monitor;
        _meterFactory = meterFactory;
        _time = time;
        _logger = logger ?? NullLogger<SloRequestListener>.Instance;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_monitor.Objectives.Length == 0)
        {
            return Task.CompletedTask;
        }

        _listener.Start();
        _loop = EvaluateLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Reads the three tags the objectives need from one measurement; no allocation.</summary>
    internal static void Record(SloMonitor monitor, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? route = null;
        string? errorType = null;
        var status = 0;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "http.route":
                    route = tag.Value as string;
                    break;
                case "http.response.status_code":
                    status = tag.Value is int code ? code : 0;
                    break;
                case "error.type":
                    errorType = tag.Value as string;
                    break;
                default:
                    break;
            }
        }

        monitor.Record(seconds, route, status, errorType);
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (instrument.Name == RequestDuration
            && instrument.Meter.Name == HostingMeter
            && (_meterFactory is null || ReferenceEquals(instrument.Meter.Scope, _meterFactory)))
        {
            listener.EnableMeasurementEvents(instrument, _monitor);
        }
    }

    private static void OnMeasurement(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (state is SloMonitor monitor)
        {
            Record(monitor, seconds, tags);
        }
    }

    private async Task EvaluateLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(EvaluationPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                foreach (var objective in _monitor.Objectives)
                {
                    var before = objective.Last.State;
                    var after = objective.Evaluate();
                    if (after.State != before)
                    {
                        Log.StateChanged(_logger, objective.Settings.Name, SloEvaluation.Label(before), SloEvaluation.Label(after.State), after.Requests);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host stopping.
        }
    }
}
