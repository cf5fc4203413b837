namespace OpsKit.Health.Internal;

/// <summary>The latest changes of reported check status, newest last, at most <see cref="Capacity"/>: for the diagnostics bundle.</summary>
internal sealed class HealthTransitions
{
    public const int Capacity = 50;

    private readonly Lock _gate = new();
    private readonly Queue<Transition> _recent = new(Capacity);

    public void Add(Transition transition)
    {
        lock (_gate)
        {
            if (_recent.Count == Capacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(transition);
        }
    }

    public IReadOnlyList<Transition> Recent()
    {
        lock (_gate)
        {
            return [.. _recent];
        }
    }

    /// <summary>A check's reported status changed from <paramref name="From"/> (<c>Pending</c> before its first result).</summary>
    internal readonly record struct Transition(DateTimeOffset At, string Check, string From, string To, string? Category);
}
