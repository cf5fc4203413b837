using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OpsKit.Hosting;

namespace Contoso.OpsKit.TcpService;

/// <summary>
/// The <c>tcp-service</c> checks' gauge on the OpsKit meter: the last connect latency of each check. A scrape reads the
/// last value; it never connects.
/// </summary>
public sealed class TcpServiceMetrics
{
    /// <summary>The gauge's name; Prometheus shows it as <c>opskit_tcp_service_latency_seconds</c>.</summary>
    public const string Latency = "opskit.tcp_service.latency";

    private readonly ConcurrentDictionary<string, double> _latency = new(StringComparer.Ordinal);

    /// <summary>Creates the gauge.</summary>
    /// <param name="meter">The OpsKit meter.</param>
    public TcpServiceMetrics(OpsKitMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableGauge(
            Latency,
            () => _latency.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("check", p.Key))),
            InstrumentUnits.Seconds,
            "Connect latency of the last run of each tcp-service check.");
    }

    /// <summary>Records the latency a check measured.</summary>
    /// <param name="check">The check's name.</param>
    /// <param name="latency">The connect latency.</param>
    public void Record(string check, TimeSpan latency) => _latency[check] = latency.TotalSeconds;
}
