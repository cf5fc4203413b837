namespace OpsKit.Resilience;

/// <summary>
/// One named resilience pipeline, bound from <c>OpsKit:Resilience:Pipelines:&lt;name&gt;</c> over the values set in
/// code. Strategy order, outermost first: total <see cref="Timeout"/> → <see cref="Retry"/> → endpoint failover
/// (HTTP, <see cref="Endpoints"/> in order within one retry round) → <see cref="CircuitBreaker"/> (one per endpoint)
/// → <see cref="AttemptTimeout"/> → <see cref="Chaos"/> (off by default).
/// </summary>
public sealed class OpsResiliencePipelineOptions
{
    /// <summary>The configuration section that holds one sub-section per pipeline.</summary>
    public const string SectionName = "OpsKit:Resilience:Pipelines";

    /// <summary>
    /// Total time for one call, all retries, delays and endpoints included. Default: 2 minutes. Set it to <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> to turn the total timeout off.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Time for one attempt against one endpoint, until the response headers arrive (HTTP) or the callback
    /// returns. Default: 30 seconds. An endpoint may override it (<see cref="OpsResilienceEndpointOptions.AttemptTimeout"/>).
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// HTTP only: the longest gap allowed between two reads of a response body that is already streaming (the attempt
    /// timeout cannot cut a body once the headers have arrived). Default: 30 seconds;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan IdleReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry rounds and their delays.</summary>
    public OpsRetryOptions Retry { get; set; } = new();

    /// <summary>The circuit breaker, one per endpoint.</summary>
    public OpsCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>
    /// HTTP only: endpoints in failover order (the first is the primary). Each attempt of a retry round tries them in
    /// order, skipping those whose circuit is open. Empty (the default): the request's own URI, one breaker.
    /// </summary>
    public IList<OpsResilienceEndpointOptions> Endpoints { get; } = [];

    /// <summary>HTTP only: connection pooling and connect timeout of the primary <c>SocketsHttpHandler</c>.</summary>
    public OpsHttpConnectionOptions Connection { get; set; } = new();

    /// <summary>
    /// Whether an open circuit makes the pipeline's readiness check Unhealthy (when every endpoint is open) instead
    /// of Degraded. Default: <see langword="false"/>.
    /// </summary>
    public bool Critical { get; set; }

    /// <summary>Fault injection for tests (Polly's chaos strategies). Off by default, refused in Production.</summary>
    public OpsChaosOptions Chaos { get; set; } = new();
}
