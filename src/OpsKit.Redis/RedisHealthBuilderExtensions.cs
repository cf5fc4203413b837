using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Health;
using OpsKit.Hosting;
using OpsKit.Redis;
using OpsKit.Redis.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds Redis checks on the application's own <c>IConnectionMultiplexer</c> to the OpsKit health engine.
/// </summary>
public static class RedisHealthBuilderExtensions
{
    /// <summary>
    /// Adds the checks <c>redis</c> (connected, then PING latency), <c>redis.memory</c> (<c>INFO memory</c>: usage vs
    /// maxmemory, eviction policy) and <c>redis.locks</c> (lock keys without or with too long a TTL, by bounded SCAN), all
    /// on the <c>IConnectionMultiplexer</c> registered in dependency injection: OpsKit never connects or disposes one.
    /// Thresholds bind from <c>OpsKit:Health:Checks:&lt;check name&gt;</c> over the values set in
    /// <paramref name="configure"/>. Start-up fails with a message naming the missing service when no multiplexer is
    /// registered.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="configure">Names, switches and thresholds in code.</param>
    /// <param name="serviceKey">The key of a keyed <c>IConnectionMultiplexer</c>; null for the unkeyed one.</param>
    /// <returns>The builder, to add more checks.</returns>
    public static OpsHealthBuilder AddRedis(
        this OpsHealthBuilder builder,
        Action<OpsRedisOptions>? configure = null,
        object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OpsRedisOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name);

        var target = new RedisTarget(options.Name, serviceKey);
        var services = builder.Services;
        services.TryAddOpsKitMeter();
        services.TryAddSingleton<RedisMetrics>();
        services.AddSingleton(target);
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IOpsDiagnosticsSection, RedisDiagnosticsSection>(),
            ServiceDescriptor.Singleton<IConnectionStringSyntax, RedisConnectionStringSyntax>(),
            ServiceDescriptor.Singleton<IValidateOptions<RedisCheckOptions>, RedisOptionsValidator>(),
            ServiceDescriptor.Singleton<IValidateOptions<RedisMemoryCheckOptions>, RedisOptionsValidator>(),
            ServiceDescriptor.Singleton<IValidateOptions<RedisLocksCheckOptions>, RedisOptionsValidator>(),
        ]);

        new OpsCheckFamily(builder, "redis", options.Name, o => ((IRedisCheckOptions)o).Target = target)
            .AddRoot<RedisCheck, RedisCheckOptions>(options.Redis)
            .AddMember<RedisMemoryCheck, RedisMemoryCheckOptions>("memory", options.Memory, options.EnableMemory)
            .AddMember<RedisLocksCheck, RedisLocksCheckOptions>("locks", options.Locks, options.EnableLocks);
        return builder;
    }
}
