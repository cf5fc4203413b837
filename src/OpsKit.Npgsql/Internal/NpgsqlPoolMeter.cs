using System.Diagnostics.Metrics;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// Reads the client pool from Npgsql's own meter (<c>Npgsql</c>; Npgsql 10 uses the OpenTelemetry semantic-convention
/// names <c>db.client.connection.count</c> with <c>db.client.connection.state</c> = idle/used, and
/// <c>db.client.connection.max</c>, both tagged <c>db.client.connection.pool.name</c>). Reading never takes a connection.
/// </summary>
internal sealed class NpgsqlPoolMeter : IDisposable
{
    internal const string MeterName = "Npgsql";
    internal const string ConnectionCount = "db.client.connection.count";
    internal const string ConnectionMax = "db.client.connection.max";
    internal const string PoolNameTag = "db.client.connection.pool.name";
    internal const string StateTag = "db.client.connection.state";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private Dictionary<string, (int Busy, int Idle, int Max)>? _collecting;

    public NpgsqlPoolMeter()
    {
        _listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is ConnectionCount or ConnectionMax)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => OnMeasurement(instrument, (int)value, tags, state));
        _listener.Start();
    }

    /// <summary>
    /// The pool named <paramref name="poolName"/>; if no pool has that name and the process has exactly one pool, that one
    /// (a data source named through <c>NpgsqlDataSourceBuilder.Name</c> without <c>PoolName</c> set).
    /// </summary>
    public PoolReading Read(string poolName)
    {
        lock (_gate)
        {
            var pools = new Dictionary<string, (int Busy, int Idle, int Max)>(StringComparer.Ordinal);
            _collecting = pools;
            try
            {
                _listener.RecordObservableInstruments();
            }
            finally
            {
                _collecting = null;
            }

            if (!pools.TryGetValue(poolName, out var pool))
            {
                if (pools.Count != 1)
                {
                    return default;
                }

                pool = pools.Values.First();
            }

            return new PoolReading(true, pool.Busy, pool.Idle, pool.Max);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var pools = _collecting;
        if (pools is null)
        {
            return;
        }

        string? pool = null;
        string? connectionState = null;
        foreach (var tag in tags)
        {
            if (tag.Key == PoolNameTag)
            {
                pool = tag.Value as string;
            }
            else if (tag.Key == StateTag)
            {
                connectionState = tag.Value as string;
            }
        }

        if (pool is null)
        {
            return;
        }

        // Two data sources with the same connection string share a pool name: their numbers add up.
        var current = pools.GetValueOrDefault(pool);
        if (instrument.Name == ConnectionMax)
        {
            current.Max += value;
        }
        else if (connectionState == "used")
        {
            current.Busy += value;
        }
        else if (connectionState == "idle")
        {
            current.Idle += value;
        }

        pools[pool] = current;
    }
}
