namespace OpsKit.Redis;

/// <summary>
/// A distributed lock on the application's Redis (DistributedLock.Redis underneath: the key always has a TTL, a random
/// token, and release deletes the key only while it still holds that token). Register it with
/// <c>services.AddOpsRedisLock()</c>.
/// </summary>
public interface IOpsDistributedLock
{
    /// <summary>
    /// Tries to take the lock named <paramref name="key"/> (for example <c>callfs:lock:/a/b</c>) within the retry budget
    /// of <see cref="OpsRedisLockOptions"/>.
    /// </summary>
    /// <param name="key">The Redis key of the lock.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A handle that releases the lock when disposed, or null when another holder kept it for the whole budget.</returns>
    /// <exception cref="OpsLockException">Redis could not be reached; the acquisition is not retried further.</exception>
    ValueTask<OpsLockHandle?> TryAcquireAsync(string key, CancellationToken cancellationToken = default);
}
