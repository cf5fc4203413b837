using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpsKit.Health;

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

    private readonly RedisTarget _target = ((IRedisCheckOptions)options).Target ?? RedisTarget.Default;
    private readonly TimeSpan _budget = (options.Timeout ?? engine.Value.Timeout) * RedisCheckBudget.Share;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var multiplexer = _target.Resolve(services);
        if (!multiplexer.IsConnected)
        {
            return RedisCheckBudget.NotConnected(multiplexer);
        }

        Dictionary<string, string> info;
        try
        {
            // StackExchange.Redis refuses INFO (IServer.InfoAsync and ExecuteAsync alike) unless the app's multiplexer has
            // allowAdmin, which apps rightly leave off; Redis itself allows INFO inside a script.
            var text = (string?)await multiplexer.GetDatabase().ScriptEvaluateAsync(InfoScript).WaitAsync(_budget, cancellationToken).ConfigureAwait(false);
            info = Parse(text);
        }
        catch (TimeoutException ex)
        {
            return RedisCheckBudget.TimedOut(_budget, ex);
        }
        catch (Exception ex) when (RedisCheckBudget.IsRedisFailure(ex))
        {
            return RedisCheckBudget.Failed(ex);
        }

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
            metrics.RecordMemory(_target, usage);
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
