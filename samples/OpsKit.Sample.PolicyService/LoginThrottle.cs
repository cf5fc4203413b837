using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OpsKit.Sample.PolicyService;

/// <summary>
/// ASP.NET Core's rate limiter for logins: two fixed windows chained, one per client address and one per user name, on
/// <c>POST /auth/login</c> only. The user partition is the name only when it is a configured user, so made-up names
/// cannot create partitions without bound.
/// </summary>
internal static class LoginThrottle
{
    private const string UnknownUser = "";

    public static IServiceCollection AddLoginThrottle(this IServiceCollection services)
    {
        services.AddOptions<LoginThrottleOptions>().BindConfiguration(LoginThrottleOptions.SectionName)
            .Validate(o => o.PermitsPerClient > 0 && o.PermitsPerUser > 0 && o.Window > TimeSpan.Zero,
                $"{LoginThrottleOptions.SectionName}: PermitsPerClient and PermitsPerUser must be above 0 and Window above zero.")
            .ValidateOnStart();
        services.AddRateLimiter();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LoginThrottleOptions>, IOptionsMonitor<PolicyUsersOptions>>((limiter, throttle, users) =>
        {
            var settings = throttle.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLogin(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientOf(context), _ => Window(settings.PermitsPerClient, settings.Window))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLogin(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(UserOf(context, users.CurrentValue), _ => Window(settings.PermitsPerUser, settings.Window))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : settings.Window;
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0 };

    private static bool IsLogin(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/auth/login", StringComparison.OrdinalIgnoreCase);

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;

    private static string UserOf(HttpContext context, PolicyUsersOptions users) =>
        AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, PolicyServiceApp.LoginScheme, StringComparison.OrdinalIgnoreCase)
        && CredentialAuthenticationHandler.TryDecode(header.Parameter, out var user, out _)
        && users.Users.ContainsKey(user)
            ? user
            : UnknownUser;
}
