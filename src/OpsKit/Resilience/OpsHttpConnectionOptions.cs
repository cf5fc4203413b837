namespace OpsKit.Resilience;

/// <summary>
/// Connection pooling of an HTTP pipeline's <c>SocketsHttpHandler</c>
/// (<c>OpsKit:Resilience:Pipelines:&lt;name&gt;:Connection</c>).
/// </summary>
public sealed class OpsHttpConnectionOptions
{
    /// <summary>Time to establish a TCP/TLS connection. Default: 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a pooled connection is reused before it is replaced, so DNS changes are honoured. Default: 2 minutes.
    /// </summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an idle pooled connection is kept. Default: 1 minute.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound of connections per endpoint; further requests queue. Default: none (unbounded).</summary>
    public int? MaxConnectionsPerServer { get; set; }
}
