using System.Net;

namespace OpsKit.Resilience.Internal;

/// <summary>
/// The wait a 429 or 503 response asks for in its <c>Retry-After</c> header (delta-seconds or an HTTP-date), and the
/// bounds a pipeline puts on it.
/// </summary>
internal static class RetryAfter
{
    /// <summary>The requested wait (never negative), or <see langword="null"/> when the response asks for none.</summary>
    public static TimeSpan? Requested(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable, Headers.RetryAfter: { } header })
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        return wait is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>
    /// Whether waiting <paramref name="requested"/> (after the <paramref name="maxDelay"/> cap) still leaves time for
    /// another round before the total timeout: when it does not, the response goes back to the caller at once instead of
    /// a timeout later.
    /// </summary>
    public static bool FitsTotalTimeout(TimeSpan requested, TimeSpan? maxDelay, TimeSpan totalTimeout, TimeSpan elapsed) =>
        totalTimeout == Timeout.InfiniteTimeSpan || Cap(requested, maxDelay) < totalTimeout - elapsed;

    /// <summary>The requested wait, no longer than the pipeline's maximum delay when it has one.</summary>
    public static TimeSpan Cap(TimeSpan requested, TimeSpan? maxDelay) =>
        maxDelay is { } max && requested > max ? max : requested;
}
