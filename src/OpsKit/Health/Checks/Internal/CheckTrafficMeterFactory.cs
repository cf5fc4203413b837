namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// The meter factory of the checks' HTTP handler. <see cref="SocketsHttpHandler"/> creates its <c>http.client.*</c>
/// instruments on the meter its factory returns for <c>System.Net.Http</c>; this factory returns one named
/// <see cref="MeterName"/> instead, so listeners that select meters by name (OpenTelemetry's
/// <c>AddHttpClientInstrumentation()</c>, <c>AddMeter("System.Net.Http")</c>, a <see cref="MeterListener"/>) never count a
/// check's request as the application's. An operator who wants the checks' HTTP figures adds this meter by name.
/// </summary>
internal sealed class CheckTrafficMeterFactory : IMeterFactory
{
    /// <summary>The name of the meter that carries the checks' own <c>http.client.*</c> instruments.</summary>
    public const string MeterName = "OpsKit.Health.Checks.Http";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Meter> _meters = new(StringComparer.Ordinal);
    private bool _disposed;

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var name = options.Name == "System.Net.Http" ? MeterName : MeterName + "." + options.Name;
            if (!_meters.TryGetValue(name, out var meter))
            {
                meter = new Meter(new MeterOptions(name) { Version = options.Version, Tags = options.Tags, Scope = this });
                _meters[name] = meter;
            }

            return meter;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var meter in _meters.Values)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }
}
