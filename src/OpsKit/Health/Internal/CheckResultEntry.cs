namespace OpsKit.Health.Internal;

/// <summary>The latest result of one check, already redacted: safe to write to any output.</summary>
internal sealed class CheckResultEntry(
    HealthStatus status,
    TimeSpan duration,
    DateTimeOffset lastRun,
    DateTimeOffset lastChange,
    string? description,
    HealthError? error,
    IReadOnlyList<KeyValuePair<string, object?>> data,
    int consecutiveFailures = 0)
{
    public HealthStatus Status { get; } = status;

    public TimeSpan Duration { get; } = duration;

    public DateTimeOffset LastRun { get; } = lastRun;

    public DateTimeOffset LastChange { get; } = lastChange;

    public string? Description { get; } = description;

    public HealthError? Error { get; } = error;

    public IReadOnlyList<KeyValuePair<string, object?>> Data { get; } = data;

    /// <summary>Runs in a row, up to this one, whose own result was not Healthy (flap damping counts them).</summary>
    public int ConsecutiveFailures { get; } = consecutiveFailures;

    /// <summary>Whether the check was not run because a check it depends on is Unhealthy.</summary>
    public bool Suppressed => Error?.Category == HealthErrorCategories.Dependency;

    public CheckResultEntry WithLastChange(DateTimeOffset lastChange) =>
        new(Status, Duration, LastRun, lastChange, Description, Error, Data, ConsecutiveFailures);

    /// <summary>This result kept as the reported one for a newer run that damping does not let through yet.</summary>
    public CheckResultEntry HeldFor(CheckResultEntry run) =>
        new(Status, run.Duration, run.LastRun, LastChange, Description, Error, Data, run.ConsecutiveFailures);

    public CheckResultEntry WithConsecutiveFailures(int count) =>
        new(Status, Duration, LastRun, LastChange, Description, Error, Data, count);
}
