using System.Diagnostics.Metrics;
using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

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
        var m = meter.Meter;
        m.CreateObservableGauge(
            InstrumentNames.PostgresPoolUsage,
            () => ObservePool(list),
            InstrumentNames.Units.Ratio,
            "Busy client pool connections as a ratio of Maximum Pool Size.");
        m.CreateObservableGauge(
            InstrumentNames.PostgresConnectionsUsage,
            () => ObserveConnections(list),
            InstrumentNames.Units.Ratio,
            "Server connections as a ratio of max_connections.");
        _exhausted = m.CreateCounter<long>(
            InstrumentNames.PostgresPoolExhausted,
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
                    new KeyValuePair<string, object?>(InstrumentNames.Labels.Database, connections.Database));
            }
        }
    }
}
