namespace OpsKit.Redis;

/// <summary>What a Redis-backed rate limiter does with a request when Redis cannot be asked (down, timed out, frozen).</summary>
public enum OpsRateLimitFailMode
{
    /// <summary>
    /// Serve the request under a local in-process fixed window with the same limit per partition: each instance keeps
    /// limiting on its own until Redis answers again. The default.
    /// </summary>
    Open = 0,

    /// <summary>Reject the request; the rate-limiting middleware answers 503 Service Unavailable instead of the rejection status.</summary>
    Closed = 1,
}
