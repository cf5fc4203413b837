namespace OpsKit.Resilience;

/// <summary>Retry settings of a pipeline (<c>OpsKit:Resilience:Pipelines:&lt;name&gt;:Retry</c>).</summary>
public sealed class OpsRetryOptions
{
    /// <summary>The default schedule, used when <see cref="Delays"/> is empty: 200 ms, 1 s, 5 s, 10 s, 30 s.</summary>
    public static IReadOnlyList<TimeSpan> DefaultDelays { get; } =
    [
        TimeSpan.FromMilliseconds(200),
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(30),
    ];

    /// <summary>Whether failed calls are retried. Default: <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>List</c> (default): wait <see cref="Delays"/>[n] before retry n+1; <c>Exponential</c>: <see cref="BaseDelay"/>
    /// doubled each retry with jitter (<see cref="UseJitter"/>), capped at <see cref="MaxDelay"/>; <c>Constant</c>,
    /// <c>Linear</c>: Polly's backoff types of the same name.
    /// </summary>
    public string Backoff { get; set; } = "List";

    /// <summary>
    /// The explicit delay schedule for <c>List</c> backoff. Empty (the default) means <see cref="DefaultDelays"/>.
    /// Configuration replaces the list as a whole.
    /// </summary>
    public IList<TimeSpan> Delays { get; } = [];

    /// <summary>
    /// Number of retries (so a call makes up to this many + 1 rounds). Default: the length of the delay list with
    /// <c>List</c> backoff, 3 otherwise.
    /// </summary>
    public int? MaxRetryAttempts { get; set; }

    /// <summary>First delay of the <c>Exponential</c>, <c>Constant</c> and <c>Linear</c> backoffs. Default: 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Upper bound of one computed delay, and of the wait a 429 or 503 asks for with <c>Retry-After</c>. Default: none.
    /// </summary>
    public TimeSpan? MaxDelay { get; set; }

    /// <summary>Whether computed backoffs get jitter (ignored by <c>List</c>). Default: <see langword="true"/>.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Whether calls with a non-idempotent HTTP method (POST, PATCH, …) are retried even without an
    /// <c>Idempotency-Key</c> header. Default: <see langword="false"/>: only GET, HEAD, OPTIONS, TRACE, PUT and DELETE,
    /// and requests that carry an idempotency key, are retried.
    /// </summary>
    public bool RetryNonIdempotent { get; set; }
}
