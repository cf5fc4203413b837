using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// The limiter of one partition: a fixed window counted in Redis (<c>&lt;prefix&gt;&lt;partition key&gt;</c>), shared by
/// every instance on that Redis. It only decides asynchronously (<see cref="AttemptAcquireCore"/> is always "not
/// acquired", so ASP.NET Core's middleware calls <see cref="AcquireAsyncCore"/>). When Redis cannot be asked, fail-open
/// counts in a local window with the same limit, fail-closed rejects.
/// </summary>
internal sealed class RedisFixedWindowRateLimiter : RateLimiter
{
    private readonly RedisRateLimiterPolicy _policy;
    private readonly RedisKey[] _key;
    private readonly Lock _local = new();
    private long _localWindowStart;
    private int _localCount;
    private bool _localActive;
    private long _lastUsed;
    private int _inFlight;
    private long _successful;
    private long _failed;
    private long _available;

    public RedisFixedWindowRateLimiter(RedisRateLimiterPolicy policy, string partitionKey)
    {
        _policy = policy;
        _key = [new RedisKey(policy.KeyPrefix + partitionKey)];
        _lastUsed = policy.Time.GetTimestamp();
        _available = policy.PermitLimit;
    }

    /// <summary>
    /// Idle (and disposable by the partitioned limiter) only when nothing is in flight and the local fallback window
    /// holds no count: the Redis count lives on in Redis, the local one would be lost.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            if (Volatile.Read(ref _inFlight) > 0)
            {
                return null;
            }

            lock (_local)
            {
                if (_localActive && _policy.Time.GetElapsedTime(_localWindowStart) < _policy.Window)
                {
                    return null;
                }
            }

            return _policy.Time.GetElapsedTime(Interlocked.Read(ref _lastUsed));
        }
    }

    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = Interlocked.Read(ref _available),
        CurrentQueuedCount = 0,
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _policy.PermitLimit);
        Interlocked.Exchange(ref _lastUsed, _policy.Time.GetTimestamp());
        if (permitCount == 0)
        {
            return Count(WindowLease.Acquired);
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            var counted = await _policy.IncrementAsync(_key, permitCount, cancellationToken).ConfigureAwait(false);
            if (counted is not { } window)
            {
                return Count(_policy.FailMode == OpsRateLimitFailMode.Closed ? WindowLease.Closed : AcquireLocally(permitCount));
            }

            Interlocked.Exchange(ref _available, Math.Max(0, _policy.PermitLimit - window.Count));
            return Count(window.Count <= _policy.PermitLimit ? WindowLease.Acquired : WindowLease.Rejected(window.Remaining));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The fail-open fallback: the same fixed window, counted in this process only.</summary>
    private WindowLease AcquireLocally(int permitCount)
    {
        lock (_local)
        {
            var now = _policy.Time.GetTimestamp();
            var elapsed = _policy.Time.GetElapsedTime(_localWindowStart, now);
            if (!_localActive || elapsed >= _policy.Window)
            {
                _localActive = true;
                _localWindowStart = now;
                _localCount = 0;
                elapsed = TimeSpan.Zero;
            }

            if (_localCount + permitCount <= _policy.PermitLimit)
            {
                _localCount += permitCount;
                return WindowLease.Acquired;
            }

            return WindowLease.Rejected(_policy.Window - elapsed);
        }
    }

    private WindowLease Count(WindowLease lease)
    {
        if (lease.IsAcquired)
        {
            Interlocked.Increment(ref _successful);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }

        return lease;
    }
}
