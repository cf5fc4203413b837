using System.Diagnostics.Metrics;
using OpsKit.Hosting.Internal;

namespace OpsKit.Hosting;

/// <summary>
/// Owns the single OpsKit <see cref="Meter"/>, created through <see cref="IMeterFactory"/> so that the host
/// disposes it and tests can listen to one service provider's instruments without cross-talk.
/// Each capability creates its instruments from <see cref="Meter"/> with names from <see cref="InstrumentNames"/>.
/// </summary>
internal sealed class OpsKitMeter
{
    /// <summary>The meter's name, <c>OpsKit</c>.</summary>
    public const string Name = "OpsKit";

    public OpsKitMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(new MeterOptions(Name)
        {
            Version = typeof(OpsKitMeter).Assembly.GetName().Version?.ToString(3),
        });
    }

    public Meter Meter { get; }
}
