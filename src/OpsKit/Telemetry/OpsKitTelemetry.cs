using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

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

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.ActivitySource"/> of OpsKit's spans (one root span per health check
    /// run, docs/tracing.md). Pass it to <c>TracerProviderBuilder.AddSource</c> when you configure tracing yourself;
    /// <c>AddOpsTelemetry()</c> adds it when it turns tracing on.
    /// </summary>
    public const string ActivitySourceName = OpsKitActivitySource.Name;
}
