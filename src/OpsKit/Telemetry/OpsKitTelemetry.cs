using OpsKit.Hosting;

namespace OpsKit.Telemetry;

/// <summary>
/// Names OpsKit publishes its telemetry under.
/// </summary>
public static class OpsKitTelemetry
{
    /// <summary>
    /// The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that carries every OpsKit instrument
    /// (<c>opskit.*</c>). Pass it to <c>MeterProviderBuilder.AddMeter</c> when you configure OpenTelemetry yourself.
    /// </summary>
    public const string MeterName = OpsKitMeter.Name;
}
