using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace OpsKit.Testing.Shared;

/// <summary>
/// A fake clock that moves only while a retry waits: <see cref="DriveAsync"/> advances it by exactly each delay Polly
/// reported, and only once Polly has started a timer of that length on this clock. Any other wait on it never ends.
/// </summary>
internal sealed class RetryClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new();
    private readonly List<TimeSpan> _timers = [];

    public RetryClock() => Start = _fake.GetUtcNow();

    public DateTimeOffset Start { get; }

    public TimeSpan Elapsed => _fake.GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_timers)
        {
            _timers.Add(dueTime);
        }

        return _fake.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Advances the clock through every retry delay of <paramref name="call"/> until it completes.</summary>
    public async Task DriveAsync(Task call, RetryDelayRecorder retries)
    {
        var guard = Stopwatch.StartNew();
        var advanced = 0;
        while (!call.IsCompleted)
        {
            var delays = retries.Delays;
            if (delays.Count > advanced && TimersOf(TimerDue(delays[advanced])) > delays.Take(advanced).Count(d => TimerDue(d) == TimerDue(delays[advanced])))
            {
                _fake.Advance(TimerDue(delays[advanced]));
                advanced++;
                continue;
            }

            if (guard.Elapsed > TimeSpan.FromSeconds(20))
            {
                string timers;
                lock (_timers)
                {
                    timers = string.Join(", ", _timers);
                }

                throw new TimeoutException($"No retry timer on the fake clock after {advanced} advances; delays reported: {string.Join(", ", delays)}; timers: {timers}.");
            }

            await Task.WhenAny(call, Task.Delay(1));
        }
    }

    /// <summary>Polly starts its delay timer on whole milliseconds: a jittered 888.12 ms waits 888 ms on the clock.</summary>
    public static TimeSpan TimerDue(TimeSpan delay) => TimeSpan.FromMilliseconds(Math.Floor(delay.TotalMilliseconds));

    private int TimersOf(TimeSpan dueTime)
    {
        lock (_timers)
        {
            return _timers.Count(t => t == dueTime);
        }
    }
}
