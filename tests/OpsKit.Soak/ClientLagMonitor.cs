using System.Diagnostics;

namespace OpsKit.Soak;

/// <summary>
/// How late the prober's own process runs: the worst delay, per window, between when a thread-pool work item is queued
/// and when it starts (the probe storm's continuations run there), and between when a dedicated thread should wake
/// from a 1 ms sleep and when it does (the operating system not scheduling this process at all). A probe time measured
/// while this process was not running says nothing about the sample, so the report shows the two side by side.
/// </summary>
internal sealed class ClientLagMonitor : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);
    private readonly Thread _sleeper;
    private readonly Timer _queuer;
    private volatile bool _stopped;
    private long _worstTicks;

    public ClientLagMonitor()
    {
        _sleeper = new Thread(Sleep) { IsBackground = true, Name = "soak lag monitor" };
        _sleeper.Start();
        _queuer = new Timer(_ => Queue(), null, Tick, Tick);
    }

    /// <summary>The worst lag (ms) since the previous call.</summary>
    public double TakeWorstMilliseconds() =>
        Stopwatch.GetElapsedTime(0, Interlocked.Exchange(ref _worstTicks, 0)).TotalMilliseconds;

    public void Dispose()
    {
        _stopped = true;
        _queuer.Dispose();
        _sleeper.Join();
    }

    private void Queue()
    {
        var queuedAt = Stopwatch.GetTimestamp();
        ThreadPool.UnsafeQueueUserWorkItem(_ => Record(Stopwatch.GetTimestamp() - queuedAt), null);
    }

    private void Sleep()
    {
        var oneMillisecond = Stopwatch.Frequency / 1000;
        while (!_stopped)
        {
            var before = Stopwatch.GetTimestamp();
            Thread.Sleep(1);
            Record(Stopwatch.GetTimestamp() - before - oneMillisecond);
        }
    }

    private void Record(long lagTicks)
    {
        var worst = Interlocked.Read(ref _worstTicks);
        while (lagTicks > worst)
        {
            var seen = Interlocked.CompareExchange(ref _worstTicks, lagTicks, worst);
            if (seen == worst)
            {
                return;
            }

            worst = seen;
        }
    }
}
