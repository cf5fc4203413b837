using OpsKit.Health;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// <c>postgres.pool</c>: busy client connections vs <c>Maximum Pool Size</c>, from Npgsql's meter. It takes no connection,
/// so it neither disturbs what it measures nor waits on a full pool.
/// </summary>
internal sealed class PostgresPoolCheck(PostgresPoolCheckOptions options, PostgresCheckContextFactory contexts) : IHealthCheck
{
    private readonly PostgresCheckContext _context = contexts.Create(options);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pool = _context.ReadPool();
        if (!pool.Found)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                "Npgsql reports no pool for this data source; set PoolName to the data source's name"));
        }

        var usage = Math.Round(pool.Usage, 4);
        _context.Target.SetPool(usage);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["busy"] = pool.Busy,
            ["idle"] = pool.Idle,
            ["max"] = pool.Max,
            ["usage"] = usage,
        };

        var summary = string.Create(CultureInfo.InvariantCulture, $"{pool.Busy} of {pool.Max} pool connections busy");
        var exhausted = _context.Target.Exhausted;
        var exhaustedSinceLastRun = exhausted > _context.Target.ExhaustedSeenByPoolCheck;
        _context.Target.ExhaustedSeenByPoolCheck = exhausted;
        if (pool.IsFull && exhaustedSinceLastRun)
        {
            var message = summary + "; an acquisition timed out";
            return Task.FromResult(HealthCheckResult.Unhealthy(
                message,
                new HealthCheckFailureException(HealthErrorCategories.PoolExhausted, message),
                data));
        }

        return Task.FromResult(PostgresUsage.Judge(options, usage, summary, data));
    }
}
