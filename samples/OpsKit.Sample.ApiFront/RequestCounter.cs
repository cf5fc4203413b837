using System.Globalization;
using StackExchange.Redis;

namespace OpsKit.Sample.ApiFront;

/// <summary>
/// Counts API requests per minute in Redis (<c>lucid:api-front:requests:&lt;yyyyMMddHHmm&gt;</c>, kept one hour).
/// Redis is not critical: when it is down the count is skipped (fail open) and the request is served.
/// </summary>
internal sealed partial class RequestCounter(IConnectionMultiplexer redis, TimeProvider time, ILogger<RequestCounter> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    public async Task<long?> IncrementAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = "lucid:api-front:requests:" + time.GetUtcNow().ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        try
        {
            var database = redis.GetDatabase();
            var count = await database.StringIncrementAsync(key).ConfigureAwait(false);
            if (count == 1)
            {
                await database.KeyExpireAsync(key, KeepFor).ConfigureAwait(false);
            }

            return count;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogCounterSkipped(logger, exception.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Request counter skipped, Redis unavailable ({Error}): failing open")]
    private static partial void LogCounterSkipped(ILogger logger, string error);
}
