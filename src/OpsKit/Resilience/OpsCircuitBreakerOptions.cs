namespace OpsKit.Resilience;

/// <summary>
/// Circuit breaker of a pipeline, one instance per endpoint (<c>OpsKit:Resilience:Pipelines:&lt;name&gt;:CircuitBreaker</c>).
/// "<see cref="FailureThreshold"/> consecutive failures" maps to Polly's breaker with <c>FailureRatio = 1</c> and
/// <c>MinimumThroughput = FailureThreshold</c> over <see cref="SamplingDuration"/>: it opens when at least that many
/// calls were made in the window and all of them failed.
/// </summary>
public sealed class OpsCircuitBreakerOptions
{
    /// <summary>Whether the breaker is on. Default: <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Failures in a row that open the circuit (at least 2, Polly's minimum throughput). Default: 3.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>The window in which the failures are counted. Default: 30 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call (half-open). Default: 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
