#pragma warning disable CS0618 // MemoryCache 10 still takes its clock as ISystemClock; this adapts a TimeProvider to it.
using Microsoft.Extensions.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>Lets a <see cref="TimeProvider"/> (FakeTimeProvider in tests) drive MemoryCache expiration.</summary>
internal sealed class TimeProviderClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
