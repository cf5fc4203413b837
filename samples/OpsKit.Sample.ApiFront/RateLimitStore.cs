namespace OpsKit.Sample.ApiFront;

/// <summary>Where <c>/api/v1/*</c>'s rate-limit window is counted (<c>RateLimiting:Store</c>).</summary>
internal enum RateLimitStore
{
    /// <summary>In Redis (OpsKit's <c>AddOpsRedisRateLimiter</c>): shared by every instance, fail mode from <c>OpsKit:Redis:RateLimiting:api:FailMode</c>.</summary>
    Redis,

    /// <summary>In this process (ASP.NET Core's fixed-window limiter).</summary>
    Local,
}
