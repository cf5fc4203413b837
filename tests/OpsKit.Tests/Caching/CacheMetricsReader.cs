using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace OpsKit.Tests.Caching;

/// <summary>Reads the current value of an observable <c>opskit.cache.*</c> instrument for given labels.</summary>
internal sealed class CacheMetricsReader : IDisposable
{
    private readonly MetricCollector<long> _collector;

    public CacheMetricsReader(IServiceProvider services, string instrument)
    {
        _collector = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), "OpsKit", instrument);
    }

    public long? Read(string cache, string? key = null, string? value = null)
    {
        _collector.RecordObservableInstruments();
        var last = _collector.GetMeasurementSnapshot()
            .LastOrDefault(m => Equals(m.Tags["cache"], cache) && (key is null || Equals(m.Tags[key], value)));
        return last?.Value;
    }

    public void Dispose() => _collector.Dispose();
}
