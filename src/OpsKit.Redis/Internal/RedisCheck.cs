using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpsKit.Health;

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
    private readonly RedisTarget _target = ((IRedisCheckOptions)options).Target ?? RedisTarget.Default;
    private readonly TimeSpan _budget = (options.Timeout ?? engine.Value.Timeout) * RedisCheckBudget.Share;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var multiplexer = _target.Resolve(services);
        if (!multiplexer.IsConnected)
        {
            return RedisCheckBudget.NotConnected(multiplexer);
        }

        var endpoints = multiplexer.GetEndPoints().Select(e => StackExchange.Redis.EndPointCollection.ToString(e)).ToList();
        TimeSpan latency;
        try
        {
            latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(_budget, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            return RedisCheckBudget.TimedOut(_budget, ex);
        }
        catch (Exception ex) when (RedisCheckBudget.IsRedisFailure(ex))
        {
            return RedisCheckBudget.Failed(ex);
        }

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
