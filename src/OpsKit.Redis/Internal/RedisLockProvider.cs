using Medallion.Threading.Redis;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// <see cref="IOpsDistributedLock"/> on DistributedLock.Redis and the application's multiplexer. The wait is bounded by
/// the retry budget; a multiplexer that stays disconnected for that budget (Redis down, or still connecting at start-up)
/// fails with <see cref="OpsLockException"/> rather than queueing commands.
/// </summary>
internal sealed class RedisLockProvider(
    IConnectionMultiplexer multiplexer,
    IOptionsMonitor<OpsRedisLockOptions> options,
    LockMetrics metrics) : IOpsDistributedLock
{
    public async ValueTask<OpsLockHandle?> TryAcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var current = options.CurrentValue;

        // A multiplexer created with AbortOnConnectFail=false may still be connecting: give it the retry budget.
        for (var attempt = 0; attempt < current.MaxRetries && !multiplexer.IsConnected; attempt++)
        {
            await Task.Delay(current.RetryDelay, cancellationToken).ConfigureAwait(false);
        }

        if (!multiplexer.IsConnected)
        {
            metrics.RecordAcquisition(acquired: false);
            throw new OpsLockException($"Cannot acquire lock '{key}': Redis is not connected.");
        }

        var wait = current.RetryDelay * current.MaxRetries;
        var distributedLock = new RedisDistributedLock(
            key,
            multiplexer.GetDatabase(),
            o => o.Expiry(current.Expiry).BusyWaitSleepTime(current.RetryDelay, current.RetryDelay));

        // One command timeout on top of the retries: a command sent just before Redis went away ends at that timeout.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait + TimeSpan.FromMilliseconds(multiplexer.TimeoutMilliseconds));
        RedisDistributedLockHandle? handle;
        try
        {
            handle = await distributedLock.TryAcquireAsync(wait, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.RecordAcquisition(acquired: false);
            throw new OpsLockException($"Cannot acquire lock '{key}': no answer from Redis within the retry budget.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            metrics.RecordAcquisition(acquired: false);
            throw new OpsLockException($"Cannot acquire lock '{key}': {ex.GetType().Name}.", ex);
        }

        metrics.RecordAcquisition(handle is not null);
        return handle is null ? null : new OpsLockHandle(key, handle, handle.HandleLostToken, metrics);
    }
}
