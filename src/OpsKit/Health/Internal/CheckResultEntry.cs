namespace OpsKit.Health.Internal;

/// <summary>The latest result of one check, already redacted: safe to write to any output.</summary>
internal sealed class CheckResultEntry(
    HealthStatus status,
    TimeSpan duration,
    DateTimeOffset lastRun,
    DateTimeOffset lastChange,
    string? description,
    HealthError? error,
    IReadOnlyList<KeyValuePair<string, object?>> data)
{
    public HealthStatus Status { get; } = status;

    public TimeSpan Duration { get; } = duration;

    public DateTimeOffset LastRun { get; } = lastRun;

    public DateTimeOffset LastChange { get; } = lastChange;

    public string? Description { get; } = description;

    public HealthError? Error { get; } = error;

    public IReadOnlyList<KeyValuePair<string, object?>> Data { get; } = data;

    public CheckResultEntry WithLastChange(DateTimeOffset lastChange) =>
        new(Status, Duration, LastRun, lastChange, Description, Error, Data);
}
