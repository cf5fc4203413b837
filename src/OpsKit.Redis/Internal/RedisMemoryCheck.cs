using OpsKit.Health;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// <c>redis.memory</c>: used_memory vs maxmemory, maxmemory 0 on a cache instance, and the eviction policy vs the expected
/// one, from <c>INFO memory</c> on one primary, read the first way the connection allows (<see cref="ReadAsync"/>).
/// </summary>
internal sealed class RedisMemoryCheck(
    RedisMemoryCheckOptions options,
    IServiceProvider services,
    IOptions<OpsHealthOptions> engine,
    RedisMetrics metrics) : IHealthCheck
{
    private const string InfoScript = "return redis.call('INFO', 'memory')";

    private readonly RedisCheckCall _call = new(options, services, engine);

    // A multiplexer's allowAdmin is fixed when it is created: once refused, INFO is not tried again.
    private volatile bool _infoRefusedByClient;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _call.RunAsync(ReadAsync, Judge, cancellationToken);

    /// <summary>
    /// StackExchange.Redis refuses <c>INFO</c> (IServer.InfoAsync and ExecuteAsync alike) unless the app's multiplexer has
    /// allowAdmin, which apps rightly leave off, though Redis's ACLs count INFO as <c>@dangerous</c>, not <c>@admin</c>.
    /// So: INFO when the multiplexer allows it (refused client-side, no round trip, otherwise); else INFO inside a
    /// script; else, where the ACL denies <c>@scripting</c>, <c>MEMORY STATS</c> (<c>@slow</c>), whose
    /// <c>total.allocated</c> is used_memory but which says nothing of maxmemory or the policy.
    /// </summary>
    private async Task<MemoryFigures> ReadAsync(IConnectionMultiplexer multiplexer)
    {
        var server = multiplexer.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica);
        if (server is null)
        {
            var answer = await multiplexer.GetDatabase().ScriptEvaluateAsync(InfoScript).ConfigureAwait(false);
            return new MemoryFigures("script", Parse((string?)answer));
        }

        try
        {
            if (!_infoRefusedByClient)
            {
                return new MemoryFigures("info", Parse(await server.InfoRawAsync("memory").ConfigureAwait(false)));
            }
        }
        catch (RedisCommandException)
        {
            _infoRefusedByClient = true;
        }
        catch (RedisServerException e) when (IsDenied(e))
        {
        }

        try
        {
            return new MemoryFigures("script", Parse((string?)await server.ExecuteAsync("EVAL", InfoScript, 0).ConfigureAwait(false)));
        }
        catch (RedisServerException e) when (IsDenied(e))
        {
        }

        try
        {
            var stats = (await server.ExecuteAsync("MEMORY", "STATS").ConfigureAwait(false)).ToDictionary();
            var info = new Dictionary<string, string>(StringComparer.Ordinal);
            if (stats.TryGetValue("total.allocated", out var allocated))
            {
                info["used_memory"] = allocated.ToString();
            }

            return new MemoryFigures("memory_stats", info);
        }
        catch (RedisServerException e) when (IsDenied(e))
        {
            return new MemoryFigures("none", []);
        }
    }

    /// <summary>The ACL refused the command, or INFO inside the script (Redis 7 reports that as an ERR), or it is renamed away.</summary>
    private static bool IsDenied(RedisServerException exception) =>
        exception.Message.StartsWith("NOPERM", StringComparison.Ordinal)
        || exception.Message.Contains("can't run this command", StringComparison.Ordinal)
        || exception.Message.StartsWith("ERR unknown command", StringComparison.Ordinal);

    private HealthCheckResult Judge(IConnectionMultiplexer multiplexer, MemoryFigures figures)
    {
        var info = figures.Info;
        var unreadable = new List<string>();
        var used = ReadLong(info, "used_memory", "used", unreadable);
        var max = ReadLong(info, "maxmemory", "max", unreadable);
        var policy = info.GetValueOrDefault("maxmemory_policy");
        if (policy is null)
        {
            unreadable.Add("policy");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["source"] = figures.Source,
        };
        if (used is { } u)
        {
            data["used"] = u;
        }

        if (max is { } m)
        {
            data["max"] = m;
        }

        if (policy is not null)
        {
            data["policy"] = policy;
        }

        var problems = new List<string>();
        var status = HealthStatus.Healthy;
        if (used is { } usedBytes && max > 0)
        {
            var usage = Math.Round((double)usedBytes / max.Value, 4);
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
        else if (max == 0 && options.RequireMaxMemory)
        {
            status = HealthStatus.Degraded;
            problems.Add("maxmemory not set");
        }

        if (policy is not null && options.ExpectedPolicy is { Length: > 0 } expected && !string.Equals(policy, expected, StringComparison.OrdinalIgnoreCase))
        {
            status = status == HealthStatus.Healthy ? HealthStatus.Degraded : status;
            problems.Add($"maxmemory-policy is {policy}, expected {expected}");
        }

        if (unreadable.Count > 0)
        {
            data["unreadable"] = unreadable;
            if (used is null)
            {
                // Nothing to judge by: the check cannot do its job with this user's rights.
                status = HealthStatus.Degraded;
            }

            problems.Add($"not readable with this connection's rights: {string.Join(", ", unreadable)} (ACL denies INFO in scripts and MEMORY STATS, or allowAdmin is off)");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : new HealthCheckResult(status, string.Join("; ", problems), data: data);
    }

    private static long? ReadLong(Dictionary<string, string> info, string key, string field, List<string> unreadable)
    {
        if (info.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        unreadable.Add(field);
        return null;
    }

    /// <summary>What <c>INFO memory</c> (or its fallback) answered, and which way it was read.</summary>
    private sealed record MemoryFigures(string Source, Dictionary<string, string> Info);

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
}
