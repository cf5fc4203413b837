using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>One <c>AddRedis()</c> registration: which multiplexer (service key), check names, last measured memory usage.</summary>
internal sealed class RedisTarget(string name, object? serviceKey)
{
    public static RedisTarget Default { get; } = new("redis", null);

    public string Name { get; } = name;

    public object? ServiceKey { get; } = serviceKey;

    public string ServiceDescription => ServiceKey is null
        ? nameof(IConnectionMultiplexer)
        : $"{nameof(IConnectionMultiplexer)} (keyed service '{ServiceKey}')";

    public IConnectionMultiplexer Resolve(IServiceProvider services) => Multiplexer(services, ServiceKey);

    /// <summary>The application's multiplexer: the keyed one for a <paramref name="serviceKey"/>, else the unkeyed one.</summary>
    public static IConnectionMultiplexer Multiplexer(IServiceProvider services, object? serviceKey) => serviceKey is null
        ? services.GetRequiredService<IConnectionMultiplexer>()
        : services.GetRequiredKeyedService<IConnectionMultiplexer>(serviceKey);

    public bool IsRegistered(IServiceProvider services) => ServiceKey is null
        ? services.GetService<IServiceProviderIsService>()?.IsService(typeof(IConnectionMultiplexer)) ?? false
        : services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(typeof(IConnectionMultiplexer), ServiceKey) ?? false;
}
