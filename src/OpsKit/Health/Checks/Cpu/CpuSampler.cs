namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Process CPU time samples taken on each run of a CPU check (a cheap getrusage, no background thread, nothing that
/// blocks); the usage over a window is the CPU time between the newest sample and the last one at least a window old,
/// over the CPU the process may use: its cgroup quota when it has one (0.5 for a 0.5-CPU container), else
/// <see cref="Environment.ProcessorCount"/>.
/// </summary>
internal sealed class CpuSampler
{
    private readonly Lock _gate = new();
    private readonly List<(long Timestamp, TimeSpan Cpu)> _samples = [];
    private readonly TimeProvider _time;
    private readonly CgroupCpuLimit _limit;
    private readonly Func<TimeSpan> _cpuTime;
    private TimeSpan _longestWindow;

    public CpuSampler(TimeProvider? time = null)
        : this(time, new CgroupCpuLimit(), static () => Environment.CpuUsage.TotalTime)
    {
    }

    /// <summary>Tests give a fake cgroup tree and a fake CPU clock.</summary>
    internal CpuSampler(TimeProvider? time, CgroupCpuLimit limit, Func<TimeSpan> cpuTime)
    {
        _time = time ?? TimeProvider.System;
        _limit = limit;
        _cpuTime = cpuTime;
        // Until a window has passed, the first measurement covers the process's lifetime so far.
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var uptime = DateTime.Now - process.StartTime;
        var start = _time.GetTimestamp() - (long)(uptime.TotalSeconds * _time.TimestampFrequency);
        _samples.Add((start, TimeSpan.Zero));
    }

    /// <summary>Fraction of the CPU available to the process used over about <paramref name="window"/>, the span measured, and that CPU.</summary>
    public CpuReading Read(TimeSpan window)
    {
        var now = _time.GetTimestamp();
        var cpu = _cpuTime();
        var (capacity, source) = Capacity();
        lock (_gate)
        {
            _longestWindow = window > _longestWindow ? window : _longestWindow;
            var from = _samples[0];
            foreach (var sample in _samples)
            {
                if (_time.GetElapsedTime(sample.Timestamp, now) >= window)
                {
                    from = sample;
                }
            }

            // Runs closer together than a twelfth of the window (on-demand refreshes) replace the newest sample
            // instead of adding one, so the list stays short whatever the call rate.
            var last = _samples.Count - 1;
            if (last > 0 && _time.GetElapsedTime(_samples[last].Timestamp, now) < _longestWindow / 12)
            {
                _samples[last] = (now, cpu);
            }
            else
            {
                _samples.Add((now, cpu));
            }
            // Keep the newest sample older than the longest window, and everything after it.
            var keepFrom = _samples.FindLastIndex(s => _time.GetElapsedTime(s.Timestamp, now) >= _longestWindow);
            if (keepFrom > 0)
            {
                _samples.RemoveRange(0, keepFrom);
            }

            var span = _time.GetElapsedTime(from.Timestamp, now);
            var used = cpu - from.Cpu;
            var usage = span > TimeSpan.Zero ? used / span / capacity : 0;
            return new CpuReading(Math.Clamp(usage, 0, 1), span, used, capacity, source);
        }
    }

    /// <summary>The cgroup quota in cores when it is below the processor count, else the processor count.</summary>
    private (double Cores, string Source) Capacity() =>
        _limit.Read() is { } quota && quota.Cores < Environment.ProcessorCount ? quota : (Environment.ProcessorCount, "processor_count");
}
