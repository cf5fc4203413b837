using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpsKit.Hosting.Internal;
using OpsKit.Redis;
using OpsKit.Redis.Internal;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Redis-backed rate-limiter policies for ASP.NET Core's rate-limiting middleware.</summary>
public static class RedisRateLimiterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ASP.NET Core rate-limiter policy <paramref name="policyName"/>: a fixed window per partition (by default
    /// per client address) counted in Redis on the <c>IConnectionMultiplexer</c> in dependency injection, so all instances
    /// of the application share one budget. Options come from <c>OpsKit:Redis:RateLimiting:&lt;policyName&gt;</c> bound over
    /// <paramref name="configure"/>, validated at start-up. Rejected leases carry <c>RetryAfter</c> (the window's remaining
    /// time). When Redis cannot be asked, <see cref="OpsRedisRateLimiterOptions.FailMode"/> applies and
    /// <c>opskit.rate_limit.store_failures{policy}</c> counts the request; fail-closed rejections are answered 503.
    /// The application still calls <c>AddRateLimiter</c> (set <c>RejectionStatusCode</c> to 429: ASP.NET Core's default is
    /// 503), <c>UseRateLimiter()</c> and <c>RequireRateLimiting(policyName)</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="policyName">The rate-limiter policy name (endpoints use it in <c>RequireRateLimiting</c>).</param>
    /// <param name="configure">Options in code; configuration values take precedence.</param>
    /// <param name="serviceKey">The key of a keyed <c>IConnectionMultiplexer</c>; null for the unkeyed one.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddOpsRedisRateLimiter(
        this IServiceCollection services,
        string policyName,
        Action<OpsRedisRateLimiterOptions>? configure = null,
        object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        var builder = services.AddOptions<OpsRedisRateLimiterOptions>(policyName);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        var section = $"{OpsRedisRateLimiterOptions.SectionName}:{policyName}";
        builder.ValidateOnStart().BindOpsConfiguration(OpsRedisRateLimiterOptions.SectionName + ":*");

        // Without this the missing client would surface as a 500 on the first limited request, not at start-up.
        builder.Validate<IServiceProviderIsService>(
            (_, registry) => serviceKey is null
                ? registry.IsService(typeof(IConnectionMultiplexer))
                : registry is IServiceProviderIsKeyedService keyed && keyed.IsKeyedService(typeof(IConnectionMultiplexer), serviceKey),
            $"{section}: rate limiter policy '{policyName}' needs an IConnectionMultiplexer"
                + (serviceKey is null ? string.Empty : " with the service key given to AddOpsRedisRateLimiter")
                + " registered in dependency injection (OpsKit never connects to Redis on its own).");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpsRedisRateLimiterOptions>, RedisRateLimiterOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<RateLimiterOptions>, StoreUnavailableStatus>());
        services.TryAddOpsKitMeter();
        services.TryAddSingleton<RateLimiterMetrics>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(policyName, (sp, _) => new RedisRateLimiterPolicy(
            policyName,
            sp.GetRequiredService<IOptionsMonitor<OpsRedisRateLimiterOptions>>().Get(policyName),
            // Resolved on the first request, not when the middleware is built.
            () => RedisTarget.Multiplexer(sp, serviceKey),
            sp.GetRequiredService<RateLimiterMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RedisRateLimiterPolicy>>()));
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((options, sp) =>
            options.AddPolicy(policyName, sp.GetRequiredKeyedService<RedisRateLimiterPolicy>(policyName).GetPartition));
        return services;
    }
}
