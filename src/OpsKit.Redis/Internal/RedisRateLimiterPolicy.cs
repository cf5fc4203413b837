using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// One Redis-backed fixed-window policy: its options, its partitions (one <see cref="RedisFixedWindowRateLimiter"/> per
/// partition key, created by ASP.NET Core's partitioned limiter), and the one Redis round trip they share.
/// </summary>
internal sealed partial class RedisRateLimiterPolicy
{
    // One atomic step per request: count it, and start the window (TTL = window) on its first hit. A key left without
    // a TTL (PTTL -1) gets one too, so a stray key can never block a partition for ever. Returns {count, remaining ms}.
    internal const string Script = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          ttl = tonumber(ARGV[2])
        end
        return { count, ttl }
        """;

    private readonly Lazy<IConnectionMultiplexer> _multiplexer;
    private readonly Func<HttpContext, string> _partitionKey;
    private readonly RateLimiterMetrics _metrics;
    private readonly ILogger _logger;
    private readonly RedisValue _windowMilliseconds;
    private readonly Func<string, RateLimiter> _createLimiter;
    private int _failing;

    public RedisRateLimiterPolicy(
        string name,
        OpsRedisRateLimiterOptions options,
        Func<IConnectionMultiplexer> multiplexer,
        RateLimiterMetrics metrics,
        TimeProvider time,
        ILogger<RedisRateLimiterPolicy> logger)
    {
        Name = name;
        PermitLimit = options.PermitLimit;
        Window = options.Window;
        FailMode = options.FailMode;
        Timeout = options.Timeout;
        KeyPrefix = options.KeyPrefix ?? $"opskit:ratelimit:{name}:";
        Time = time;
        _partitionKey = options.PartitionKey ?? ClientAddress;
        _multiplexer = new Lazy<IConnectionMultiplexer>(multiplexer);
        _metrics = metrics;
        _logger = logger;
        _windowMilliseconds = (long)Math.Ceiling(options.Window.TotalMilliseconds);
        _createLimiter = key => new RedisFixedWindowRateLimiter(this, key);
    }

    public string Name { get; }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    public OpsRateLimitFailMode FailMode { get; }

    public TimeSpan Timeout { get; }

    public string KeyPrefix { get; }

    public TimeProvider Time { get; }

    /// <summary>The partition of a request, for <c>RateLimiterOptions.AddPolicy</c>.</summary>
    public RateLimitPartition<string> GetPartition(HttpContext context) =>
        RateLimitPartition.Get(_partitionKey(context), _createLimiter);

    /// <summary>
    /// Counts <paramref name="permits"/> in the partition's window in Redis. Null when Redis could not be asked within
    /// <see cref="Timeout"/> (disconnected, refused, timed out): the caller applies <see cref="FailMode"/>.
    /// </summary>
    public async ValueTask<(long Count, TimeSpan Remaining)?> IncrementAsync(RedisKey[] key, int permits, CancellationToken cancellationToken)
    {
        var multiplexer = _multiplexer.Value;
        if (!multiplexer.IsConnected)
        {
            // With BacklogPolicy.FailFast the command would fail at once anyway; with the default backlog it would wait.
            StoreFailed("not connected");
            return null;
        }

        var call = multiplexer.GetDatabase().ScriptEvaluateAsync(Script, key, [permits, _windowMilliseconds]);
        try
        {
            // The multiplexer's own timeout fires only on its heartbeat; this bound holds whatever Redis does.
            var result = await call.WaitAsync(Timeout, Time, cancellationToken).ConfigureAwait(false);
            var values = (RedisResult[])result!;
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogStoreRecovered(_logger, Name);
            }

            return ((long)values[0], TimeSpan.FromMilliseconds((long)values[1]));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // An abandoned call still ends (at the multiplexer's timeout): observe it so it is not an unobserved exception.
            _ = call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            StoreFailed(ex.GetType().Name);
            return null;
        }
    }

    private void StoreFailed(string error)
    {
        _metrics.RecordStoreFailure(Name);
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            LogStoreFailed(_logger, Name, error, FailMode);
        }
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Rate limiter '{Policy}' cannot reach Redis ({Error}): fail mode {FailMode} until it answers again")]
    private static partial void LogStoreFailed(ILogger logger, string policy, string error, OpsRateLimitFailMode failMode);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Rate limiter '{Policy}' reaches Redis again")]
    private static partial void LogStoreRecovered(ILogger logger, string policy);
}
