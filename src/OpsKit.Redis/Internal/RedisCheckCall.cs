using OpsKit.Health;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// The one Redis call of a check run, on the multiplexer of the check's <c>AddRedis()</c> registration: a disconnected
/// multiplexer is reported without a call, the call is bounded by the check's budget, and its failures are results.
/// </summary>
internal sealed class RedisCheckCall(OpsHealthCheckOptions options, IServiceProvider services, IOptions<OpsHealthOptions> engine)
{
    public RedisTarget Target { get; } = ((IRedisCheckOptions)options).Target ?? RedisTarget.Default;

    public TimeSpan Budget { get; } = (options.Timeout ?? engine.Value.Timeout) * RedisCheckBudget.Share;

    public async Task<HealthCheckResult> RunAsync<T>(
        Func<IConnectionMultiplexer, Task<T>> call,
        Func<IConnectionMultiplexer, T, HealthCheckResult> judge,
        CancellationToken cancellationToken)
    {
        var multiplexer = Target.Client.Resolve(services);
        if (!multiplexer.IsConnected)
        {
            return RedisCheckBudget.NotConnected(multiplexer);
        }

        T answer;
        try
        {
            answer = await call(multiplexer).WaitAsync(Budget, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            return RedisCheckBudget.TimedOut(Budget, ex);
        }
        catch (Exception ex) when (RedisCheckBudget.IsRedisFailure(ex))
        {
            return RedisCheckBudget.Failed(ex);
        }

        return judge(multiplexer, answer);
    }
}
