using OpsKit.Health;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// <c>redis.memory</c>: <c>INFO memory</c> (works without admin mode, unlike <c>CONFIG GET</c>): used_memory vs maxmemory,
/// maxmemory 0 on a cache instance, and the eviction policy vs the expected one.
/// </summary>
internal sealed class RedisMemoryCheck(
    RedisMemoryCheckOptions options,
    IServiceProvider services,
    IOptions<OpsHealthOptions> engine,
    RedisMetrics metrics) : IHealthCheck
{
    private const string InfoScript = "return redis.call('INFO', 'memory')";

    private readonly RedisCheckCall _call = new(options, services, engine);

    // StackExchange.Redis refuses INFO (IServer.InfoAsync and ExecuteAsync alike) unless the app's multiplexer has
    // allowAdmin, which apps rightly leave off; Redis itself allows INFO inside a script.
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _call.RunAsync(static multiplexer => multiplexer.GetDatabase().ScriptEvaluateAsync(InfoScript), Judge, cancellationToken);

    private HealthCheckResult Judge(IConnectionMultiplexer multiplexer, RedisResult answer)
    {
        var info = Parse((string?)answer);
        var used = ParseLong(info, "used_memory");
        var max = ParseLong(info, "maxmemory");
        var policy = info.GetValueOrDefault("maxmemory_policy") ?? string.Empty;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["used"] = used,
            ["max"] = max,
            ["policy"] = policy,
        };

        var problems = new List<string>();
        var status = HealthStatus.Healthy;
        if (max > 0)
        {
            var usage = Math.Round((double)used / max, 4);
            data["usage"] = usage;
            metrics.RecordMemory(_call.Target, usage);
            if (options.UnhealthyAt is { } unhealthyAt && usage >= unhealthyAt)
            {
                status = HealthStatus.Unhealthy;
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"used_memory is {usage:P0} of maxmemory (unhealthy at {unhealthyAt:P0})"));
            }
            else if (usage >= options.DegradedAt)
            {
                status = HealthStatus.Degraded;
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"used_memory is {usage:P0} of maxmemory (degraded at {options.DegradedAt:P0})"));
            }
        }
        else if (options.RequireMaxMemory)
        {
            status = HealthStatus.Degraded;
            problems.Add("maxmemory not set");
        }

        if (options.ExpectedPolicy is { Length: > 0 } expected && !string.Equals(policy, expected, StringComparison.OrdinalIgnoreCase))
        {
            status = status == HealthStatus.Healthy ? HealthStatus.Degraded : status;
            problems.Add($"maxmemory-policy is {policy}, expected {expected}");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : new HealthCheckResult(status, string.Join("; ", problems), data: data);
    }

    private static Dictionary<string, string> Parse(string? text)
    {
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[0] != '#')
            {
                info[line[..colon]] = line[(colon + 1)..].TrimEnd('\r');
            }
        }

        return info;
    }

    private static long ParseLong(Dictionary<string, string> info, string key) =>
        info.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
