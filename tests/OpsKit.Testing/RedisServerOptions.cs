namespace OpsKit.Testing;

/// <summary>Settings for a private <see cref="RedisServer"/>.</summary>
public sealed class RedisServerOptions
{
    /// <summary>Extra server settings passed as <c>--name value</c> (e.g. <c>maxmemory</c> → <c>2mb</c>). Default empty.</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The redis-server executable. Default <c>redis-server</c> from PATH.</summary>
    public string ServerPath { get; set; } = "redis-server";

    /// <summary>How long start and stop may take before the fixture gives up. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
