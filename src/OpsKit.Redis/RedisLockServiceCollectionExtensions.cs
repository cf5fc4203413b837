using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Hosting.Internal;
using OpsKit.Redis;
using OpsKit.Redis.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpsKit's distributed lock on the application's Redis.</summary>
public static class RedisLockServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOpsDistributedLock"/> on the <c>IConnectionMultiplexer</c> in dependency injection
    /// (DistributedLock.Redis underneath), with options from <c>OpsKit:Redis:Lock</c> bound over
    /// <paramref name="configure"/> and validated at start-up, and the metrics <c>opskit.lock.acquisitions</c> and
    /// <c>opskit.lock.held</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Options in code; configuration values take precedence.</param>
    /// <param name="serviceKey">The key of a keyed <c>IConnectionMultiplexer</c>; null for the unkeyed one.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddOpsRedisLock(
        this IServiceCollection services,
        Action<OpsRedisLockOptions>? configure = null,
        object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<OpsRedisLockOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart().BindOpsConfiguration(OpsRedisLockOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpsRedisLockOptions>, RedisLockOptionsValidator>());
        services.TryAddOpsKitMeter();
        services.TryAddSingleton<LockMetrics>();
        services.TryAddSingleton<IOpsDistributedLock>(sp => new RedisLockProvider(
            RedisTarget.Multiplexer(sp, serviceKey),
            sp.GetRequiredService<IOptionsMonitor<OpsRedisLockOptions>>(),
            sp.GetRequiredService<LockMetrics>()));
        return services;
    }
}
