using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace OpsKit.Tests.Telemetry;

/// <summary>
/// OpenTelemetry's in-memory exporter on the app's own meter provider (the one <c>AddOpsTelemetry()</c> builds), so
/// tests see what an OTLP or Prometheus backend gets: names, units, types, tags and values.
/// </summary>
internal sealed class InMemoryMetrics
{
    private readonly Sink _sink = new();

    public void AddTo(IServiceCollection services) =>
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_sink));

    /// <summary>Collects now and returns the exported metric with this name, or null.</summary>
    public static MetricSnapshot? Collect(TestApp app, InMemoryMetrics metrics, string name)
    {
        metrics._sink.Clear();
        // The result is false: the Prometheus reader only exports during a scrape. The in-memory reader has exported.
        app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
        return metrics._sink.Last(name);
    }

    public Task<MetricSnapshot?> CollectAsync(TestApp app, string name) => Task.FromResult(Collect(app, this, name));

    private sealed class Sink : ICollection<MetricSnapshot>
    {
        private readonly List<MetricSnapshot> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(MetricSnapshot item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public MetricSnapshot? Last(string name)
        {
            lock (_items)
            {
                return _items.LastOrDefault(m => m.Name == name);
            }
        }

        public bool Contains(MetricSnapshot item) => throw new NotSupportedException();

        public void CopyTo(MetricSnapshot[] array, int arrayIndex) => throw new NotSupportedException();

        public bool Remove(MetricSnapshot item) => throw new NotSupportedException();

        public IEnumerator<MetricSnapshot> GetEnumerator() => throw new NotSupportedException();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

internal static class MetricPointExtensions
{
    public static Dictionary<string, string?> TagMap(this MetricPoint point)
    {
        var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value?.ToString();
        }

        return tags;
    }

    public static MetricPoint? Point(this MetricSnapshot? metric, params (string Key, string Value)[] tags)
    {
        if (metric is null)
        {
            return null;
        }

        foreach (var point in metric.MetricPoints)
        {
            var map = point.TagMap();
            if (tags.All(t => map.TryGetValue(t.Key, out var v) && v == t.Value))
            {
                return point;
            }
        }

        return null;
    }
}
