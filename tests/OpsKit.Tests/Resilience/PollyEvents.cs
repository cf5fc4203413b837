using System.Diagnostics.Metrics;

namespace OpsKit.Tests.Resilience;

/// <summary>Counts Polly's <c>resilience.polly.strategy.events</c> for one pipeline name (Polly's meter is process-wide).</summary>
internal sealed class PollyEvents : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _pipeline;
    private int _retries;

    public PollyEvents(string pipeline)
    {
        _pipeline = pipeline;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Polly" && instrument.Name == "resilience.polly.strategy.events")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record((int)value, tags));
        _listener.Start();
    }

    public int Retries => Volatile.Read(ref _retries);

    public void Dispose() => _listener.Dispose();

    private void Record(int value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? eventName = null;
        string? pipeline = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "event.name")
            {
                eventName = tag.Value as string;
            }
            else if (tag.Key == "pipeline.name")
            {
                pipeline = tag.Value as string;
            }
        }

        if (eventName == "OnRetry" && pipeline == _pipeline)
        {
            Interlocked.Add(ref _retries, value);
        }
    }
}
