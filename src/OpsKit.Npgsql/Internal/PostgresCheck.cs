using System.Diagnostics;

namespace OpsKit.Npgsql.Internal;

/// <summary><c>postgres</c>: a <c>SELECT 1</c> round trip on a connection from the application's pool.</summary>
internal sealed class PostgresCheck(
    PostgresCheckOptions options,
    PostgresCheckContextFactory contexts,
    TimeProvider? time = null) : IHealthCheck
{
    private readonly PostgresCheckContext _context = contexts.Create(options);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        return _context.RunAsync(
            context.Registration.Name,
            session =>
            {
                using var command = session.Command("SELECT 1");
                command.ExecuteScalar();
                var latency = _time.GetElapsedTime(started);
                var data = new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    ["latency_ms"] = Math.Round(latency.TotalMilliseconds, 1),
                    ["server_version"] = session.Connection.ServerVersion,
                };
                if (latency >= options.DegradedLatency)
                {
                    var message = string.Create(
                        CultureInfo.InvariantCulture,
                        $"round trip took {latency.TotalMilliseconds:0} ms (degraded at {options.DegradedLatency.TotalMilliseconds:0} ms)");
                    return HealthCheckResult.Degraded(message, data: data);
                }

                return HealthCheckResult.Healthy(data: data);
            },
            cancellationToken);
    }
}
