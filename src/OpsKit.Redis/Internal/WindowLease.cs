using System.Threading.RateLimiting;

namespace OpsKit.Redis.Internal;

/// <summary>
/// A lease of the Redis-backed fixed window: acquired, rejected with <see cref="MetadataName.RetryAfter"/> (the window's
/// remaining time), or rejected because Redis could not be asked (<see cref="StoreUnavailable"/>, fail-closed).
/// </summary>
internal sealed class WindowLease : RateLimitLease
{
    /// <summary>Marks a fail-closed rejection; <see cref="StoreUnavailableStatus"/> turns it into 503.</summary>
    public static readonly MetadataName<bool> StoreUnavailable = MetadataName.Create<bool>("OPSKIT_RATE_LIMIT_STORE_UNAVAILABLE");

    public const string StoreUnavailableReason = "Rate limit store unavailable";

    private static readonly string[] RetryAfterNames = [MetadataName.RetryAfter.Name];
    private static readonly string[] StoreUnavailableNames = [MetadataName.ReasonPhrase.Name, StoreUnavailable.Name];

    private readonly TimeSpan? _retryAfter;
    private readonly bool _storeUnavailable;

    private WindowLease(bool isAcquired, TimeSpan? retryAfter, bool storeUnavailable)
    {
        IsAcquired = isAcquired;
        _retryAfter = retryAfter;
        _storeUnavailable = storeUnavailable;
    }

    public static WindowLease Acquired { get; } = new(isAcquired: true, retryAfter: null, storeUnavailable: false);

    /// <summary>
    /// What <c>AttemptAcquire</c> returns: the decision needs a Redis round trip, so the synchronous path always says
    /// "not acquired" and ASP.NET Core's middleware goes on to <c>AcquireAsync</c>.
    /// </summary>
    public static WindowLease Undecided { get; } = new(isAcquired: false, retryAfter: null, storeUnavailable: false);

    public static WindowLease Closed { get; } = new(isAcquired: false, retryAfter: null, storeUnavailable: true);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames =>
        _storeUnavailable ? StoreUnavailableNames : _retryAfter is null ? [] : RetryAfterNames;

    public static WindowLease Rejected(TimeSpan retryAfter) => new(isAcquired: false, retryAfter, storeUnavailable: false);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = retryAfter;
            return true;
        }

        if (_storeUnavailable && metadataName == StoreUnavailable.Name)
        {
            metadata = true;
            return true;
        }

        if (_storeUnavailable && metadataName == MetadataName.ReasonPhrase.Name)
        {
            metadata = StoreUnavailableReason;
            return true;
        }

        metadata = null;
        return false;
    }
}
