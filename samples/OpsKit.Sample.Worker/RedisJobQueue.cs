using StackExchange.Redis;

namespace OpsKit.Sample.Worker;

/// <summary>Jobs in the Redis list <c>opskit:jobs</c>: producers <c>LPUSH</c>, the worker <c>RPOP</c>s.</summary>
public sealed class RedisJobQueue(IConnectionMultiplexer redis) : IJobQueue
{
    /// <summary>The list's key.</summary>
    public const string Key = "opskit:jobs";

    /// <inheritdoc />
    public Task EnqueueAsync(string job, CancellationToken cancellationToken) =>
        redis.GetDatabase().ListLeftPushAsync(Key, job);

    /// <inheritdoc />
    public async Task<string?> TakeAsync(CancellationToken cancellationToken)
    {
        var job = await redis.GetDatabase().ListRightPopAsync(Key).ConfigureAwait(false);
        return job.IsNull ? null : job.ToString();
    }
}
