using System.Collections.Concurrent;
using OpsKit.Hosting;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// The last values measured by the system checks, observed by the gauges <c>opskit.certificate.expiry</c>,
/// <c>opskit.disk.utilization</c> and <c>opskit.memory.utilization</c>. A scrape reads these values; it never runs a check.
/// Label values are configured paths and the ids of configured certificates, so the sets stay bounded.
/// </summary>
internal sealed class SystemCheckGauges
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<KeyValuePair<string, DateTimeOffset>>> _certificates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _disks = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private double _memory = double.NaN;

    public SystemCheckGauges(OpsKitMeter meter, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _time = time ?? TimeProvider.System;
        meter.Meter.CreateObservableGauge(
            "opskit.certificate.expiry", ObserveCertificates, InstrumentUnits.Seconds, "Seconds until the certificate's NotAfter.");
        meter.Meter.CreateObservableGauge(
            "opskit.disk.utilization", ObserveDisks, InstrumentUnits.Ratio, "Used fraction of the volume that holds the path.");
        meter.Meter.CreateObservableGauge(
            "opskit.memory.utilization", ObserveMemory, InstrumentUnits.Ratio, "Process working set as a fraction of the memory limit.");
    }

    /// <summary>Replaces the certificates last seen by one check (removed files disappear from the gauge).</summary>
    public void SetCertificates(string check, IReadOnlyList<KeyValuePair<string, DateTimeOffset>> notAfterById) =>
        _certificates[check] = notAfterById;

    public void SetDiskUsage(string path, double usedRatio) => _disks[path] = usedRatio;

    public void SetMemoryUsage(double ratio) => Volatile.Write(ref _memory, ratio);

    private IEnumerable<Measurement<double>> ObserveCertificates()
    {
        var now = _time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, certificates) in _certificates)
        {
            foreach (var (id, notAfter) in certificates)
            {
                if (seen.Add(id))
                {
                    yield return new Measurement<double>(
                        (notAfter - now).TotalSeconds, new KeyValuePair<string, object?>("certificate", id));
                }
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveDisks()
    {
        foreach (var (path, ratio) in _disks)
        {
            yield return new Measurement<double>(ratio, new KeyValuePair<string, object?>("path", path));
        }
    }

    private IEnumerable<Measurement<double>> ObserveMemory()
    {
        var value = Volatile.Read(ref _memory);
        if (!double.IsNaN(value))
        {
            yield return new Measurement<double>(value);
        }
    }
}
