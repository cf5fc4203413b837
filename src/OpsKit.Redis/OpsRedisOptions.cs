namespace OpsKit.Redis;

/// <summary>
/// What <c>AddRedis()</c> registers. Thresholds set here are defaults in code; each check's
/// <c>OpsKit:Health:Checks:&lt;name&gt;</c> section (for example <c>OpsKit:Health:Checks:redis.memory</c>) overrides them.
/// </summary>
public sealed class OpsRedisOptions
{
    /// <summary>
    /// The name of the connectivity check and the prefix of the others (<c>redis.memory</c>, <c>redis.locks</c>). Change it
    /// when the application checks more than one multiplexer. Default: <c>redis</c>.
    /// </summary>
    public string Name { get; set; } = "redis";

    /// <summary>Whether to register the memory check (<c>redis.memory</c>). Default: <see langword="true"/>.</summary>
    public bool EnableMemory { get; set; } = true;

    /// <summary>Whether to register the lock hygiene check (<c>redis.locks</c>). Default: <see langword="true"/>.</summary>
    public bool EnableLocks { get; set; } = true;

    /// <summary>Options of the connectivity check (<c>redis</c>).</summary>
    public RedisCheckOptions Redis { get; } = new();

    /// <summary>Options of the memory check (<c>redis.memory</c>).</summary>
    public RedisMemoryCheckOptions Memory { get; } = new();

    /// <summary>Options of the lock hygiene check (<c>redis.locks</c>).</summary>
    public RedisLocksCheckOptions Locks { get; } = new();
}
