using OpsKit.Hosting;

namespace OpsKit.Resilience.Internal;

/// <summary>OpsKit's resilience instruments: failovers (counter) and circuit state (gauge observed from the breakers' state providers).</summary>
internal sealed class ResilienceMetrics
{
    private const string PipelineLabel = "pipeline";
    private const string EndpointLabel = "endpoint";

    private readonly Counter<long> _failovers;

    public ResilienceMetrics(OpsKitMeter meter, CircuitStateRegistry circuits)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _failovers = meter.Meter.CreateCounter<long>(
            "opskit.resilience.failovers",
            description: "Calls that moved on from an endpoint to the next one in the failover list, by the endpoint left.");
        meter.Meter.CreateObservableGauge(
            "opskit.resilience.circuit.state",
            () => circuits.All().Select(c => new Measurement<int>(
                CircuitStateRegistry.GaugeValue(c.State),
                new KeyValuePair<string, object?>(PipelineLabel, c.Pipeline),
                new KeyValuePair<string, object?>(EndpointLabel, c.Endpoint))),
            description: "Circuit breaker state per pipeline and endpoint: 0 closed, 1 half-open, 2 open.");
    }

    public void Failover(string pipeline, string endpoint) =>
        _failovers.Add(
            1,
            new KeyValuePair<string, object?>(PipelineLabel, pipeline),
            new KeyValuePair<string, object?>(EndpointLabel, endpoint));
}
