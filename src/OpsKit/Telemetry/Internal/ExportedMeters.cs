using System.Collections.Concurrent;

namespace OpsKit.Telemetry.Internal;

/// <summary>
/// The meters the app's meter provider exports (OpsKit's, the instrumentations', and any the app adds itself), as
/// its view function sees their instruments. The Prometheus provider (<see cref="PrometheusMeterProvider"/>) listens
/// to every meter and keeps these only. It starts after the app's provider, and .NET publishes an instrument to
/// listeners in the order they started, so the app's provider has recorded a meter before the Prometheus one asks.
/// </summary>
internal sealed class ExportedMeters
{
    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);

    public void Add(Instrument instrument) => _names.TryAdd(instrument.Meter.Name, 0);

    public bool Contains(Instrument instrument) => _names.ContainsKey(instrument.Meter.Name);
}
