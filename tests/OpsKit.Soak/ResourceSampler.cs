using System.Globalization;

namespace OpsKit.Soak;

/// <summary>Reads the sample's process (<c>/proc</c>), its <c>/metrics</c>, and the servers' own session counts.</summary>
internal sealed class ResourceSampler(SoakEnvironment environment, ProberProcess prober, ServerProbeTimer serverTimer)
{
    // Npgsql's db.client.connection.count (idle + used): renamed db.client.connections.usage on /metrics today
    // (docs/metrics.md), its convention name once that rename goes; a scrape has one of the two.
    private static readonly string[] PoolConnectionsFamilies = ["db_client_connections_usage", "db_client_connection_count"];

    private double _gcPauseSeconds = double.NaN;

    public async Task<ResourceSample> SampleAsync(double seconds, string fault, CancellationToken cancellationToken)
    {
        var pid = environment.App.ProcessId;
        var status = await File.ReadAllLinesAsync($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status", cancellationToken).ConfigureAwait(false);
        var metrics = await environment.App.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var window = await prober.TakeWindowAsync(cancellationToken).ConfigureAwait(false);
        var server = serverTimer.TakeWindow();
        var descriptors = Directory.GetFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd");
        var gcPauseSeconds = MetricSum(metrics, "dotnet_gc_pause_time_seconds_total");
        var gcPauseInWindow = double.IsNaN(_gcPauseSeconds) ? 0 : gcPauseSeconds - _gcPauseSeconds;
        _gcPauseSeconds = gcPauseSeconds;
        return new ResourceSample(
            seconds,
            fault,
            ResidentMegabytes: StatusValue(status, "VmRSS:") / 1024.0,
            GcHeapMegabytes: MetricSum(metrics, "dotnet_gc_last_collection_heap_size_bytes") / (1024.0 * 1024.0),
            Threads: (int)StatusValue(status, "Threads:"),
            FileDescriptors: descriptors.Length,
            PostgresSessions: await PostgresSessionsAsync(cancellationToken).ConfigureAwait(false),
            PoolConnections: (long)PoolConnectionsFamilies.Sum(family => MetricSum(metrics, family)),
            RedisClients: await RedisClientsAsync().ConfigureAwait(false),
            CheckExecutions: MetricSum(metrics, "opskit_health_check_executions_total"),
            AbandonedRuns: MetricSum(metrics, "opskit_health_check_abandoned_total"),
            Probes: window.Count,
            ProbeP99Milliseconds: window.P99,
            ProbeMaxMilliseconds: window.Max,
            ServerProbes: server.Count,
            ServerP99Milliseconds: ProbeWindow.Percentile(server, 0.99),
            ServerMaxMilliseconds: server.Count == 0 ? 0 : server[^1],
            ClientLagMilliseconds: window.ClientLag,
            ClientGcPauseMilliseconds: window.ClientGcPause,
            GcPauseMilliseconds: gcPauseInWindow * 1000,
            ThreadPoolQueue: MetricSum(metrics, "dotnet_thread_pool_queue_length"),
            KestrelConnections: (long)MetricSum(metrics, "kestrel_active_connections"),
            HttpClientConnections: (long)MetricSum(metrics, "http_client_open_connections"),
            LoadedCodeDescriptors: descriptors.Count(IsLoadedCode));
    }

    // Assemblies, their symbols (read the first time a stack trace is made) and native libraries: opened once per process,
    // the first time a code path needs them.
    private static bool IsLoadedCode(string descriptor)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget is { } target
                && (target.EndsWith(".dll", StringComparison.Ordinal) || target.EndsWith(".pdb", StringComparison.Ordinal)
                    || target.EndsWith(".so", StringComparison.Ordinal) || target.Contains(".so.", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false; // closed while we looked
        }
    }

    private static long StatusValue(string[] status, string key)
    {
        var line = status.First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    // Sums every series of a metric family in Prometheus text; 0 when the family is absent (e.g. no run abandoned yet).
    private static double MetricSum(string metrics, string family)
    {
        var sum = 0.0;
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(family, StringComparison.Ordinal) && line.Length > family.Length && line[family.Length] is '{' or ' ')
            {
                var value = line[(line.LastIndexOf(' ') + 1)..];
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    sum += number;
                }
            }
        }

        return sum;
    }

    private async Task<long> PostgresSessionsAsync(CancellationToken cancellationToken)
    {
        if (environment.Postgres.ProcessId is null || environment.Postgres.IsFrozen)
        {
            return -1;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            return await environment.Postgres.QueryScalarAdminAsync<long>(
                $"select count(*) from pg_stat_activity where usename = '{environment.Postgres.AppUser}'", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            return -1;
        }
    }

    private async Task<long> RedisClientsAsync()
    {
        if (environment.Redis.ProcessId is null || environment.Redis.IsFrozen)
        {
            return -1;
        }

        try
        {
            var info = (string?)await environment.Redis.ExecuteAsync("INFO", "clients").WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false) ?? string.Empty;
            var line = info.Split('\n').First(l => l.StartsWith("connected_clients:", StringComparison.Ordinal));
            return long.Parse(line["connected_clients:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException or InvalidOperationException)
        {
            return -1;
        }
    }
}
