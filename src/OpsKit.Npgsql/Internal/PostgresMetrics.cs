using System.Diagnostics.Metrics;
using OpsKit.Hosting;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// OpsKit's PostgreSQL instruments. Gauges observe the last values the checks measured; a scrape never queries the
/// database or reads the pool.
/// </summary>
internal sealed class PostgresMetrics
{
    private readonly Counter<long> _exhausted;

    public PostgresMetrics(OpsKitMeter meter, IEnumerable<PostgresTarget> targets)
    {
        var list = targets.ToList();
        meter.CreateObservableGauge(
            "opskit.postgres.pool.utilization",
            () => ObservePool(list),
            InstrumentUnits.Ratio,
            "Busy client pool connections as a ratio of Maximum Pool Size.");
        meter.CreateObservableGauge(
            "opskit.postgres.connections.utilization",
            () => ObserveConnections(list),
            InstrumentUnits.Ratio,
            "Server connections as a ratio of max_connections.");
        _exhausted = meter.CreateCounter<long>(
            "opskit.postgres.pool.exhausted",
            description: "Connection acquisitions by OpsKit checks that failed because the client pool was exhausted.");
    }

    public void RecordExhausted(PostgresTarget target)
    {
        target.RecordExhausted();
        _exhausted.Add(1);
    }

    private static IEnumerable<Measurement<double>> ObservePool(List<PostgresTarget> targets)
    {
        foreach (var target in targets)
        {
            if (target.Pool is { } pool)
            {
                yield return new Measurement<double>(pool.Usage);
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveConnections(List<PostgresTarget> targets)
    {
        foreach (var target in targets)
        {
            if (target.Connections is { } connections)
            {
                yield return new Measurement<double>(
                    connections.Usage,
                    new KeyValuePair<string, object?>("database", connections.Database));
            }
        }
    }
}
