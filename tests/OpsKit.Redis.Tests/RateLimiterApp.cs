using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

/// <summary>
/// A real Kestrel app with ASP.NET Core's rate-limiting middleware (rejection status 429, Retry-After from the lease) and the
/// Redis-backed policy <c>api</c> on <c>GET /api/test</c>; each test passes its own key prefix so tests on the shared Redis
/// never share a budget.
/// </summary>
internal static class RateLimiterApp
{
    public const string Policy = "api";

    public static string UniquePrefix() => $"test:ratelimit:{Guid.NewGuid():N}:";

    public static async Task<TestApp> StartAsync(
        RedisServer server,
        Action<OpsRedisRateLimiterOptions> configure,
        Dictionary<string, string?>? configuration = null,
        TimeProvider? time = null)
    {
        var app = await TestApp.StartAsync(
            b =>
            {
                var options = RedisApp.Options(server);
                b.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
                if (time is not null)
                {
                    b.Services.AddSingleton(time);
                }

                b.Services.AddRateLimiter(o =>
                {
                    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                    o.OnRejected = (context, _) =>
                    {
                        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                        {
                            context.HttpContext.Response.Headers.RetryAfter =
                                ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                        }

                        return ValueTask.CompletedTask;
                    };
                });
                b.Services.AddOpsRedisRateLimiter(Policy, configure);
            },
            configuration,
            map: a =>
            {
                a.UseRateLimiter();
                a.MapGet("/api/test", () => "ok").RequireRateLimiting(Policy);
            });
        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.Until(() => multiplexer.IsConnected, TimeSpan.FromSeconds(20), "the app's multiplexer connects");
        return app;
    }

    public static async Task<List<int>> SendAsync(this TestApp app, int count)
    {
        var statuses = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await app.Client.GetAsync(new Uri("/api/test", UriKind.Relative));
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }
}
