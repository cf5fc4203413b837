using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace OpsKit.Sample.ApiFront;

/// <summary>
/// Lucid's API front (seed 2): an API in front of downstream services (blockchain engine, search cluster, MongoDB, RDP
/// server), with Redis as a non-critical request counter and rate-limit store, JWT bearer authentication and a
/// per-client rate limit on <c>/api/v1/*</c>. Everything comes from configuration (appsettings.json).
/// </summary>
public static class ApiFrontApp
{
    /// <summary>The rate-limiter policy of <c>/api/v1/*</c>; also the reason of its <c>rate_limit_exceeded</c> security events.</summary>
    public const string RateLimitPolicy = "api";

    /// <summary>Builds the application; <paramref name="configure"/> runs just before <c>Build()</c>.</summary>
    /// <param name="args">Command-line arguments (<c>--key=value</c> settings win over appsettings.json).</param>
    /// <param name="configure">A last look at the builder (tests: fake logging, time or resolver).</param>
    /// <returns>The application, endpoints mapped, not started.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        // Redis: the app's own multiplexer (never aborts on a failed connect, fails commands fast while disconnected).
        // Parsed in the factory, so a malformed connection string is a start-up error reported by key.
        var redisConnection = builder.Configuration.GetConnectionString("redis");
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var redisOptions = ConfigurationOptions.Parse(redisConnection ?? "localhost:6379");
            redisOptions.AbortOnConnectFail = false;
            redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(redisOptions);
        });
        services.AddSingleton<RequestCounter>();

        // Health: downstream services are declared in OpsKit:Health:Checks (appsettings.json); Redis checks in code,
        // non-critical through their own configuration sections.
        services.AddOpsHealth().AddRedis(o => o.EnableLocks = false);
        services.AddOpsTelemetry();

        // JWT bearer on /api/v1/*: the signing key, issuer and audience come from the Jwt section.
        services.AddOptions<JwtSettings>()
            .Bind(builder.Configuration.GetSection(JwtSettings.SectionName))
            .Validate(s => !string.IsNullOrWhiteSpace(s.Key), "Jwt:Key is required: the HMAC key of /api/v1 bearer tokens (at least 256 bits).")
            .ValidateOnStart();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<JwtSettings>>((bearer, jwt) =>
        {
            var settings = jwt.Value;
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.Key ?? string.Empty)),
                ClockSkew = settings.ClockSkew,
            };
        });
        services.AddAuthorization();

        // Fixed window per client address on /api/v1/* (the guide's "about 100 per window"). Counted in Redis by default
        // (one budget for every instance; when Redis is lost, fail open to a per-instance window with the same limit,
        // or 503 with OpsKit:Redis:RateLimiting:api:FailMode=Closed); RateLimiting:Store=Local keeps it in-process.
        var limit = builder.Configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new RateLimitSettings();
        var store = limit.Store ?? (redisConnection is null ? RateLimitStore.Local : RateLimitStore.Redis);
        if (store == RateLimitStore.Redis)
        {
            services.AddOpsRedisRateLimiter(RateLimitPolicy, o =>
            {
                o.PermitLimit = limit.PermitLimit;
                o.Window = limit.Window;
            });
        }

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            if (store == RateLimitStore.Local)
            {
                o.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
            }

            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
        });

        // Counts auth failures (expired, invalid_signature …) and rate-limit rejections; checks Jwt:Key at start-up.
        services.AddOpsSecuritySignals();

        configure?.Invoke(builder);
        var app = builder.Build();

        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/", () => "Lucid API front (OpsKit sample): /api/v1/test (bearer token), /health/live, /health/ready, /health, /metrics");
        var api = app.MapGroup("/api/v1").RequireAuthorization().RequireRateLimiting(RateLimitPolicy);
        api.MapGet("/test", async (ClaimsPrincipal user, RequestCounter counter, CancellationToken cancellationToken) =>
            Results.Json(new TestResponse("ok", user.FindFirst("sub")?.Value, await counter.IncrementAsync(cancellationToken).ConfigureAwait(false))));

        app.MapOpsHealth();
        app.MapOpsMetrics();
        return app;
    }
}
