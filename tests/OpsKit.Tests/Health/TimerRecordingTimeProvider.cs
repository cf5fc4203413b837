using Microsoft.Extensions.Time.Testing;

namespace OpsKit.Tests.Health;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records the due time of every timer created on it. A test must not advance
/// the clock before the engine has created the timer it means to fire: a check can start running (on the thread pool)
/// a moment before the engine arms its timeout or its next period, and a timer armed after the advance fires late.
/// </summary>
internal sealed class TimerRecordingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<TimeSpan> _dueTimes = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>How many timers were created with a due time in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int TimersDueWithin(TimeSpan min, TimeSpan max)
    {
        lock (_dueTimes)
        {
            return _dueTimes.Count(d => d >= min && d <= max);
        }
    }
}
