using Microsoft.AspNetCore.Http;

namespace OpsKit.Redis;

/// <summary>
/// Options of one Redis-backed fixed-window rate-limiter policy, bound from <c>OpsKit:Redis:RateLimiting:&lt;policy&gt;</c>
/// over the values set in code. Each partition (by default each client address) gets <see cref="PermitLimit"/> requests per
/// <see cref="Window"/>, counted in the Redis key <c>&lt;KeyPrefix&gt;&lt;partition key&gt;</c>, so every instance of the
/// application on the same Redis shares one budget.
/// </summary>
public sealed class OpsRedisRateLimiterOptions
{
    /// <summary>The parent configuration section; a policy's options are in <c>OpsKit:Redis:RateLimiting:&lt;policy&gt;</c>.</summary>
    public const string SectionName = "OpsKit:Redis:RateLimiting";

    /// <summary>Requests a partition may make per window. Default: 100.</summary>
    public int PermitLimit { get; set; } = 100;

    /// <summary>
    /// The window length, from a partition's first request; also the TTL of its Redis key (millisecond precision).
    /// Default: 60 s.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The prefix of the partition keys in Redis. Default: <see langword="null"/>, meaning <c>opskit:ratelimit:&lt;policy&gt;:</c>.
    /// </summary>
    public string? KeyPrefix { get; set; }

    /// <summary>What to do with a request when Redis cannot be asked. Default: <see cref="OpsRateLimitFailMode.Open"/>.</summary>
    public OpsRateLimitFailMode FailMode { get; set; } = OpsRateLimitFailMode.Open;

    /// <summary>
    /// The longest a request waits for Redis before <see cref="FailMode"/> applies, whatever the multiplexer's own
    /// timeouts are (a frozen Redis never stalls requests longer than this). Default: 1 s.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Picks the partition key of a request. Default: <see langword="null"/>, meaning the client address
    /// (<c>HttpContext.Connection.RemoteIpAddress</c>, <c>unknown</c> when absent). Not bound from configuration.
    /// </summary>
    public Func<HttpContext, string>? PartitionKey { get; set; }
}
