namespace OpsKit.Redis.Internal;

/// <summary>Links a check's options to the multiplexer registration they belong to (not bindable from configuration).</summary>
internal interface IRedisCheckOptions
{
    RedisTarget? Target { get; set; }
}
