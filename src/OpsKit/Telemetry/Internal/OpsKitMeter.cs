using System.Diagnostics.Metrics;

namespace OpsKit.Telemetry.Internal;

/// <summary>
/// Owns the single OpsKit <see cref="Meter"/>, created through <see cref="IMeterFactory"/> so that the host
/// disposes it and tests can listen to one service provider's instruments without cross-talk.
/// Each capability creates its instruments from <see cref="Meter"/> with names from <see cref="InstrumentNames"/>.
/// </summary>
internal sealed class OpsKitMeter
{
    public OpsKitMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(new MeterOptions(OpsKitTelemetry.MeterName)
        {
            Version = typeof(OpsKitMeter).Assembly.GetName().Version?.ToString(3),
        });
    }

    public Meter Meter { get; }
}
