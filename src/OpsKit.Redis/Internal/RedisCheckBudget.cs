using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>Shared failure results of the Redis checks, answered before the engine's hard timeout.</summary>
internal static class RedisCheckBudget
{
    // Part of the check's timeout a run may spend waiting on Redis.
    public const double Share = 0.75;

    public static HealthCheckResult NotConnected()
    {
        const string message = "the multiplexer is not connected to any Redis endpoint";
        return HealthCheckResult.Unhealthy(message, new HealthCheckFailureException(HealthErrorCategories.ConnectionRefused, message));
    }

    public static HealthCheckResult TimedOut(TimeSpan budget, Exception? inner = null)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"no answer from Redis within {budget.TotalMilliseconds:0} ms");
        return HealthCheckResult.Unhealthy(message, new HealthCheckFailureException(HealthErrorCategories.Timeout, message, inner));
    }

    public static HealthCheckResult Failed(Exception exception) => exception switch
    {
        RedisConnectionException => HealthCheckResult.Unhealthy(
            exception.GetType().Name,
            new HealthCheckFailureException(HealthErrorCategories.ConnectionRefused, exception.GetType().Name + ": " + exception.Message, exception)),
        RedisTimeoutException or TimeoutException => HealthCheckResult.Unhealthy(
            exception.GetType().Name,
            new HealthCheckFailureException(HealthErrorCategories.Timeout, exception.GetType().Name + ": " + exception.Message, exception)),
        _ => HealthCheckResult.Unhealthy(exception.GetType().Name, exception),
    };

    public static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;
}
