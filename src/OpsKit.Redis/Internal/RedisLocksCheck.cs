using OpsKit.Health;
using StackExchange.Redis;

namespace OpsKit.Redis.Internal;

/// <summary>
/// <c>redis.locks</c>: lock keys without a TTL (orphaned forever) or with a TTL above the lock timeout, found with
/// <c>SCAN … MATCH … COUNT</c> issued explicitly (never <c>KEYS</c>, which blocks the server) and bounded by
/// <c>MaxKeysScanned</c> over all of them; one pipelined <c>PTTL</c> per matching key. <c>SCAN</c> walks one server's
/// keyspace, so it is sent to every connected primary (each node of a cluster holds its own slots); replicas are skipped.
/// </summary>
internal sealed class RedisLocksCheck(
    RedisLocksCheckOptions options,
    IServiceProvider services,
    IOptions<OpsHealthOptions> engine) : IHealthCheck
{
    private const int PageSize = 250;

    private readonly RedisCheckCall _call = new(options, services, engine);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _call.RunAsync(ScanAsync, static (_, result) => result, cancellationToken);

    private async Task<HealthCheckResult> ScanAsync(IConnectionMultiplexer multiplexer)
    {
        var servers = multiplexer.GetServers();
        var primaries = servers.Where(s => s.IsConnected && !s.IsReplica).ToList();
        var budget = options.MaxKeysScanned;
        var examined = 0;
        var withoutTtl = 0;
        var aboveTimeout = 0;
        var truncated = false;
        var sample = new List<string>();
        var timeoutMs = (long)options.LockTimeout.TotalMilliseconds;
        IEnumerable<string> patterns = options.LockPatterns.Count == 0 ? [RedisLocksCheckOptions.DefaultPattern] : options.LockPatterns.Distinct(StringComparer.Ordinal);
        foreach (var (server, pattern) in primaries.SelectMany(server => patterns.Select(pattern => (server, pattern))))
        {
            var cursor = "0";
            do
            {
                if (examined >= budget)
                {
                    truncated = true;
                    break;
                }

                var count = Math.Min(PageSize, budget - examined);
                var page = (RedisResult[])(await server.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", count).ConfigureAwait(false))!;
                examined += count;
                cursor = (string)page[0]!;
                var keys = (RedisKey[])page[1]!;
                var ttls = await Task.WhenAll(keys.Select(k => server.ExecuteAsync("PTTL", k))).ConfigureAwait(false);
                for (var i = 0; i < keys.Length; i++)
                {
                    var ttl = (long)ttls[i];
                    var offending = ttl == -1 || ttl > timeoutMs;
                    withoutTtl += ttl == -1 ? 1 : 0;
                    aboveTimeout += ttl > timeoutMs ? 1 : 0;
                    if (offending && sample.Count < options.SampleSize)
                    {
                        sample.Add(keys[i].ToString());
                    }
                }
            }
            while (cursor != "0");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["keys_without_ttl"] = withoutTtl,
            ["keys_ttl_above_timeout"] = aboveTimeout,
            ["sample"] = sample,
            ["scan_truncated"] = truncated,
            ["primaries_scanned"] = primaries.Count,
            ["primaries_known"] = servers.Count(s => !s.IsReplica),
        };
        if (withoutTtl + aboveTimeout == 0)
        {
            return HealthCheckResult.Healthy(data: data);
        }

        return HealthCheckResult.Degraded(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{withoutTtl} lock key(s) without TTL, {aboveTimeout} with a TTL above {options.LockTimeout.TotalSeconds:0} s"),
            data: data);
    }
}
