using OpsKit.Health;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>Shared failure results of the Redis checks, answered before the engine's hard timeout.</summary>
internal static class RedisCheckBudget
{
    // Part of the check's timeout a run may spend waiting on Redis.
    public const double Share = 0.75;

    public static HealthCheckResult NotConnected(IConnectionMultiplexer multiplexer)
    {
        if (RedisConnectionFailures.CredentialsRejected(multiplexer))
        {
            const string rejected = "the multiplexer is not connected: Redis rejected its credentials (AuthenticationFailure)";
            return HealthCheckResult.Unhealthy(rejected, new HealthCheckFailureException(HealthErrorCategories.Auth, rejected));
        }

        const string message = "the multiplexer is not connected to any Redis endpoint";
        return HealthCheckResult.Unhealthy(message, new HealthCheckFailureException(HealthErrorCategories.ConnectionRefused, message));
    }

    public static HealthCheckResult TimedOut(TimeSpan budget, Exception? inner = null)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"no answer from Redis within {budget.TotalMilliseconds:0} ms");
        return HealthCheckResult.Unhealthy(message, new HealthCheckFailureException(HealthErrorCategories.Timeout, message, inner));
    }

    public static HealthCheckResult Failed(Exception exception)
    {
        var category = exception switch
        {
            RedisConnectionException when RedisConnectionFailures.IsAuthenticationFailure(exception) => HealthErrorCategories.Auth,
            RedisServerException server when IsAuthenticationError(server.Message) => HealthErrorCategories.Auth,
            RedisConnectionException => HealthErrorCategories.ConnectionRefused,
            RedisTimeoutException or TimeoutException => HealthErrorCategories.Timeout,
            _ => null,
        };
        var name = exception.GetType().Name;
        return category is null
            ? HealthCheckResult.Unhealthy(name, exception)
            : HealthCheckResult.Unhealthy(name, new HealthCheckFailureException(category, name + ": " + exception.Message, exception));
    }

    public static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>Redis's replies to a missing or wrong password (NOAUTH, WRONGPASS, "invalid password").</summary>
    private static bool IsAuthenticationError(string message) =>
        message.StartsWith("NOAUTH", StringComparison.Ordinal)
        || message.StartsWith("WRONGPASS", StringComparison.Ordinal)
        || message.Contains("invalid password", StringComparison.OrdinalIgnoreCase);
}
