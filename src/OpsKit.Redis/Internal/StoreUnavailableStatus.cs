using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace OpsKit.Redis.Internal;

/// <summary>
/// Chains <see cref="RateLimiterOptions.OnRejected"/>: a request rejected because the limiter's Redis could not be asked
/// (fail-closed) is answered 503 Service Unavailable, not the rejection status (429), before the application's own
/// callback runs; the callback can still see and change the status.
/// </summary>
internal sealed class StoreUnavailableStatus : IPostConfigureOptions<RateLimiterOptions>
{
    public void PostConfigure(string? name, RateLimiterOptions options)
    {
        var previous = options.OnRejected;
        options.OnRejected = (context, token) =>
        {
            if (context.Lease.TryGetMetadata(WindowLease.StoreUnavailable, out var unavailable) && unavailable)
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }

            return previous is null ? ValueTask.CompletedTask : previous(context, token);
        };
    }
}
