using OpsKit.Redis.Internal;

namespace OpsKit.Redis;

/// <summary>A held distributed lock. Dispose it to release the lock; a lock that expired and was taken by another holder is left alone.</summary>
public sealed class OpsLockHandle : IAsyncDisposable
{
    private readonly IAsyncDisposable _inner;
    private readonly LockMetrics _metrics;
    private readonly long _acquiredAt;
    private int _disposed;

    internal OpsLockHandle(string key, IAsyncDisposable inner, CancellationToken lost, LockMetrics metrics)
    {
        Key = key;
        _inner = inner;
        HandleLostToken = lost;
        _metrics = metrics;
        _acquiredAt = metrics.Now();
    }

    /// <summary>The Redis key of the lock.</summary>
    public string Key { get; }

    /// <summary>Signalled when the lock is known to be lost (its key expired or was taken) while held.</summary>
    public CancellationToken HandleLostToken { get; }

    /// <summary>Releases the lock (only if this handle still owns it) and records how long it was held.</summary>
    /// <returns>A task that completes when the release has been sent.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _metrics.RecordHeld(_acquiredAt);
        }
    }
}
