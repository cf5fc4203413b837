namespace OpsKit.Health.Internal;

/// <summary>Whether the host is shutting down (readiness then answers 503 <c>stopping</c>).</summary>
internal sealed class LifecycleState
{
    private volatile bool _stopping;

    public bool Stopping => _stopping;

    /// <summary>Raised once, when shutdown starts.</summary>
    public event Action? Changed;

    public void MarkStopping()
    {
        if (!_stopping)
        {
            _stopping = true;
            Changed?.Invoke();
        }
    }
}
