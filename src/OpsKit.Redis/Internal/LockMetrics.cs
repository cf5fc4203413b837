using System.Diagnostics.Metrics;
using OpsKit.Hosting;

namespace OpsKit.Redis.Internal;

/// <summary>The distributed lock's instruments: acquisitions by result, and how long locks were held.</summary>
internal sealed class LockMetrics
{
    private readonly Counter<long> _acquisitions;
    private readonly Histogram<double> _held;
    private readonly TimeProvider _time;

    public LockMetrics(OpsKitMeter meter, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _acquisitions = meter.CreateCounter<long>(
            "opskit.lock.acquisitions",
            description: "Distributed lock acquisitions by result (acquired, failed).");
        _held = meter.CreateHistogram<double>(
            "opskit.lock.held",
            InstrumentUnits.Seconds,
            "How long distributed locks were held.");
    }

    public long Now() => _time.GetTimestamp();

    public void RecordAcquisition(bool acquired) =>
        _acquisitions.Add(1, new KeyValuePair<string, object?>("result", acquired ? "acquired" : "failed"));

    public void RecordHeld(long acquiredAt) => _held.Record(_time.GetElapsedTime(acquiredAt).TotalSeconds);
}
