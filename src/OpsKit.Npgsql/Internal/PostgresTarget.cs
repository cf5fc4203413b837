using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using OpsKit.Hosting;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// One <c>AddNpgsql()</c> registration: which data source (service key), under which check names, and the last values
/// its checks measured (gauges observe these, never run a check).
/// </summary>
internal sealed class PostgresTarget(string name, object? serviceKey, string? poolName, string firstCheckName)
{
    private PoolGaugeValue? _pool;
    private ConnectionsGaugeValue? _connections;
    private long _exhausted;
    private readonly ConcurrentDictionary<string, (Task Queries, long Started)> _queries = new(StringComparer.Ordinal);

    public static PostgresTarget Default { get; } = new("postgres", null, null, "postgres");

    public string Name { get; } = name;

    /// <summary>The application's data source in dependency injection.</summary>
    public OpsAppClient<NpgsqlDataSource> DataSource { get; } = new(serviceKey);

    public string? PoolName { get; } = poolName;

    /// <summary>The check that reports a missing data source, so the start-up error appears once.</summary>
    public string FirstCheckName { get; } = firstCheckName;

    public PoolGaugeValue? Pool => Volatile.Read(ref _pool);

    public ConnectionsGaugeValue? Connections => Volatile.Read(ref _connections);

    /// <summary>How many acquisitions by OpsKit checks on this data source ended in pool exhaustion.</summary>
    public long Exhausted => Interlocked.Read(ref _exhausted);

    public void SetPool(double usage) => Volatile.Write(ref _pool, new PoolGaugeValue(usage));

    public void SetConnections(string database, double usage) =>
        Volatile.Write(ref _connections, new ConnectionsGaugeValue(database, usage));

    public void RecordExhausted() => Interlocked.Increment(ref _exhausted);

    /// <summary>
    /// How long the queries a check's earlier run started have been running, if they have not returned yet (the run
    /// itself has already reported a timeout); null when they have.
    /// </summary>
    public TimeSpan? QueriesStillRunning(string check)
    {
        if (!_queries.TryGetValue(check, out var running))
        {
            return null;
        }

        if (!running.Queries.IsCompleted)
        {
            return Stopwatch.GetElapsedTime(running.Started);
        }

        _queries.TryRemove(new KeyValuePair<string, (Task, long)>(check, running));
        return null;
    }

    /// <summary>Remembers the work (connection and queries) a run of <paramref name="check"/> has started, until it ends.</summary>
    public void TrackQueries(string check, Task queries) => _queries[check] = (queries, Stopwatch.GetTimestamp());

    /// <summary>The <see cref="Exhausted"/> count the pool check saw on its previous run.</summary>
    public long ExhaustedSeenByPoolCheck { get; set; }

    internal sealed record PoolGaugeValue(double Usage);

    internal sealed record ConnectionsGaugeValue(string Database, double Usage);
}
