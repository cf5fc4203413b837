using Polly.CircuitBreaker;

namespace OpsKit.Resilience.Internal;

/// <summary>
/// Readiness of one HTTP pipeline, read from its breakers' state providers (never by calling the dependency):
/// Healthy when every circuit is closed; Degraded when one is open or half-open; Unhealthy when the pipeline is
/// <see cref="OpsResiliencePipelineOptions.Critical"/> and every endpoint's circuit is open. Data: one key per endpoint
/// with <c>closed</c>, <c>half_open</c>, <c>open</c> or <c>isolated</c>.
/// </summary>
internal sealed class CircuitHealthCheck(string pipeline, PipelineOptionsStore store, CircuitStateRegistry circuits) : IHealthCheck
{
    public static string CheckName(string pipeline) => "resilience." + pipeline;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = store.Get(pipeline);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var open = new List<string>();
        var halfOpen = 0;
        foreach (var endpoint in settings.Endpoints)
        {
            var state = settings.Options.CircuitBreaker.Enabled ? circuits.Get(pipeline, endpoint.Name) : CircuitState.Closed;
            data[endpoint.Name] = CircuitStateRegistry.Label(state);
            if (state is CircuitState.Open or CircuitState.Isolated)
            {
                open.Add(endpoint.Name);
            }
            else if (state == CircuitState.HalfOpen)
            {
                halfOpen++;
            }
        }

        if (open.Count == 0 && halfOpen == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("All circuits closed.", data));
        }

        var description = open.Count > 0
            ? $"Circuit open for {string.Join(", ", open)} ({open.Count} of {settings.Endpoints.Length} endpoints)."
            : "Circuit half-open: trial calls in progress.";
        var status = settings.Options.Critical && open.Count == settings.Endpoints.Length ? HealthStatus.Unhealthy : HealthStatus.Degraded;
        return Task.FromResult(new HealthCheckResult(status, description, data: data));
    }
}
