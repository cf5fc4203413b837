namespace OpsKit.Redis;

/// <summary>
/// Options of the distributed lock (<c>OpsKit:Redis:Lock</c>). An acquisition tries <see cref="MaxRetries"/> more times,
/// <see cref="RetryDelay"/> apart, then gives up; it never waits longer than that plus one Redis command timeout.
/// </summary>
public sealed class OpsRedisLockOptions
{
    /// <summary>The configuration section: <c>OpsKit:Redis:Lock</c>.</summary>
    public const string SectionName = "OpsKit:Redis:Lock";

    /// <summary>TTL of the lock key; a holder that dies releases the lock after this long. Extended while held. Default: 60 s.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Delay between attempts while the lock is taken. Default: 100 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Attempts after the first before the acquisition gives up. Default: 10.</summary>
    public int MaxRetries { get; set; } = 10;
}
