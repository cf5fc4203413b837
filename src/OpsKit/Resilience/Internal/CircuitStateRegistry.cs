using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace OpsKit.Resilience.Internal;

/// <summary>
/// The breaker state provider of every (pipeline, endpoint), replaced whenever Polly rebuilds the pipeline. Readiness
/// and the circuit-state gauge read it; reading never executes anything.
/// </summary>
internal sealed class CircuitStateRegistry
{
    private readonly ConcurrentDictionary<(string Pipeline, string Endpoint), CircuitBreakerStateProvider> _providers = new();

    public void Set(string pipeline, string endpoint, CircuitBreakerStateProvider provider) => _providers[(pipeline, endpoint)] = provider;

    /// <summary>The circuit's state; Closed for a breaker not built yet (no call made) or switched off.</summary>
    public CircuitState Get(string pipeline, string endpoint) =>
        _providers.TryGetValue((pipeline, endpoint), out var provider) ? provider.CircuitState : CircuitState.Closed;

    public IEnumerable<(string Pipeline, string Endpoint, CircuitState State)> All() =>
        _providers.Select(p => (p.Key.Pipeline, p.Key.Endpoint, p.Value.CircuitState));

    /// <summary>The gauge value: 0 closed, 1 half-open, 2 open (isolated counts as open).</summary>
    public static int GaugeValue(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 1,
        _ => 2,
    };

    /// <summary>The readiness data value: closed, half_open, open, isolated.</summary>
    public static string Label(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half_open",
        CircuitState.Open => "open",
        _ => "isolated",
    };
}
