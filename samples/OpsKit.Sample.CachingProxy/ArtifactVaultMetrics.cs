using System.Diagnostics.Metrics;

namespace OpsKit.Sample.CachingProxy;

/// <summary>
/// The proxy's own instruments (the guide's MetricsCollector): requests by backend and result, body bytes served by backend.
/// Labels are configured backend names and a fixed set of results, never paths.
/// </summary>
internal sealed class ArtifactVaultMetrics
{
    public const string MeterName = "ArtifactVault";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _served;

    public ArtifactVaultMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("artifact_vault.requests", description: "Artefact requests by backend and result (hit, miss, streamed, backend_error, interrupted, rejected).");
        _served = meter.CreateCounter<long>("artifact_vault.served", unit: "By", description: "Artefact body bytes served by backend.");
    }

    public void Request(string backend, string result) =>
        _requests.Add(1, new KeyValuePair<string, object?>("backend", backend), new KeyValuePair<string, object?>("result", result));

    public void Served(string backend, long bytes) =>
        _served.Add(bytes, new KeyValuePair<string, object?>("backend", backend));
}
