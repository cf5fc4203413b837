using OpsKit.Hosting;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>One <c>AddRedis()</c> registration: which multiplexer (service key), check names, last measured memory usage.</summary>
internal sealed class RedisTarget(string name, object? serviceKey)
{
    public static RedisTarget Default { get; } = new("redis", null);

    public string Name { get; } = name;

    /// <summary>The application's multiplexer in dependency injection.</summary>
    public OpsAppClient<IConnectionMultiplexer> Client { get; } = new(serviceKey);

    /// <summary>The application's multiplexer: the keyed one for a <paramref name="serviceKey"/>, else the unkeyed one.</summary>
    public static IConnectionMultiplexer Multiplexer(IServiceProvider services, object? serviceKey) =>
        new OpsAppClient<IConnectionMultiplexer>(serviceKey).Resolve(services);
}
