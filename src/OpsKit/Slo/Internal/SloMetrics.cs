using OpsKit.Hosting;

namespace OpsKit.Slo.Internal;

/// <summary><c>opskit.slo.state{slo}</c>: each configured objective's state from its last evaluation (0 ok, 1 warning, 2 critical).</summary>
internal sealed class SloMetrics
{
    public SloMetrics(OpsKitMeter meter, SloMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(monitor);
        meter.Meter.CreateObservableGauge(
            "opskit.slo.state",
            () => monitor.Objectives.Select(static o => new Measurement<int>(
                (int)o.Last.State,
                new KeyValuePair<string, object?>("slo", o.Settings.Name))),
            description: "Service-level objective state from the last in-process evaluation: 0 ok, 1 warning, 2 critical.");
    }
}
