using OpsKit.Health;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// <c>redis</c>: <c>IsConnected</c> first (a disconnected multiplexer gets at most one queued PING, to learn whether its
/// credentials were rejected: see <see cref="RedisConnectionFailures"/>), then <c>PING</c> latency,
/// bounded by the check's own budget because a PING can wait far longer than the caller's token (Xabaril #1658).
/// </summary>
internal sealed class RedisCheck(
    RedisCheckOptions options,
    IServiceProvider services,
    IOptions<OpsHealthOptions> engine) : IHealthCheck
{
    private readonly RedisCheckCall _call = new(options, services, engine);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _call.RunAsync(static multiplexer => multiplexer.GetDatabase().PingAsync(), Judge, cancellationToken);

    private HealthCheckResult Judge(IConnectionMultiplexer multiplexer, TimeSpan latency)
    {
        var endpoints = multiplexer.GetEndPoints().Select(e => EndPointCollection.ToString(e)).ToList();
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["latency_ms"] = Math.Round(latency.TotalMilliseconds, 1),
            ["endpoints"] = endpoints,
        };
        if (latency >= options.DegradedLatency)
        {
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"PING took {latency.TotalMilliseconds:0} ms (degraded at {options.DegradedLatency.TotalMilliseconds:0} ms)"),
                data: data);
        }

        return HealthCheckResult.Healthy(data: data);
    }
}
