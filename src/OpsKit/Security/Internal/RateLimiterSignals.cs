using Microsoft.AspNetCore.RateLimiting;

namespace OpsKit.Security.Internal;

/// <summary>
/// Chains <see cref="RateLimiterOptions.OnRejected"/>: every rejection counts <c>rate_limit_exceeded</c> (reason: the
/// endpoint's policy name when registered as a reason, else <c>rejected</c>) before the application's own callback runs.
/// The partition key is never recorded; the client address goes to the offender table only.
/// </summary>
internal sealed class RateLimiterSignals(IServiceProvider services) : IPostConfigureOptions<RateLimiterOptions>
{
    public void PostConfigure(string? name, RateLimiterOptions options)
    {
        var previous = options.OnRejected;
        options.OnRejected = (context, token) =>
        {
            var signals = services.GetRequiredService<SecuritySignals>();
            var http = context.HttpContext;
            var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            var reason = signals.Catalog.ReasonOrDefault(SecurityEventType.RateLimitExceeded, policy, SecurityEventReason.Rejected);
            signals.Record(SecurityEventType.RateLimitExceeded, reason, http.Connection.RemoteIpAddress);
            return previous is null ? ValueTask.CompletedTask : previous(context, token);
        };
    }
}
