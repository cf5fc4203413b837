namespace OpsKit.Resilience;

/// <summary>
/// Fault injection with Polly's chaos strategies (Simmy), innermost in the pipeline so the other strategies react to
/// it (<c>OpsKit:Resilience:Pipelines:&lt;name&gt;:Chaos</c>). Off by default; refused in the Production environment
/// unless <see cref="AllowInProduction"/> is set.
/// </summary>
public sealed class OpsChaosOptions
{
    /// <summary>Whether chaos is injected. Default: <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Allows <see cref="Enabled"/> in the Production environment. Default: <see langword="false"/>.</summary>
    public bool AllowInProduction { get; set; }

    /// <summary>Share of attempts (0–1) that fail with an injected exception. Default: 0.</summary>
    public double FaultRate { get; set; }

    /// <summary>Share of attempts (0–1) delayed by <see cref="Latency"/>. Default: 0.</summary>
    public double LatencyRate { get; set; }

    /// <summary>Injected delay. Default: 1 second.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>HTTP only: share of attempts (0–1) answered with <see cref="StatusCode"/> without calling the endpoint. Default: 0.</summary>
    public double OutcomeRate { get; set; }

    /// <summary>HTTP only: the injected status code. Default: 503.</summary>
    public int StatusCode { get; set; } = 503;
}
