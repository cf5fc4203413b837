using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Health;

/// <summary>The latest result of one check, already redacted: safe to show anywhere.</summary>
public sealed class OpsHealthEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="name">The check's name.</param>
    /// <param name="status">The check's latest status; null until its first run ends.</param>
    /// <param name="critical">Whether an Unhealthy result fails the probes the check belongs to.</param>
    /// <param name="tags">The probes the check belongs to.</param>
    /// <param name="duration">How long the latest run took.</param>
    /// <param name="lastRun">When the latest run ended; null before the first.</param>
    /// <param name="lastChange">When the status last changed; null before the first run.</param>
    /// <param name="description">The check's redacted description, if any.</param>
    /// <param name="errorCategory">The error category when the status is not Healthy.</param>
    public OpsHealthEntry(
        string name,
        HealthStatus? status,
        bool critical,
        IReadOnlyList<string> tags,
        TimeSpan duration,
        DateTimeOffset? lastRun,
        DateTimeOffset? lastChange,
        string? description,
        string? errorCategory)
    {
        Name = name;
        Status = status;
        Critical = critical;
        Tags = tags;
        Duration = duration;
        LastRun = lastRun;
        LastChange = lastChange;
        Description = description;
        ErrorCategory = errorCategory;
    }

    /// <summary>The check's name.</summary>
    public string Name { get; }

    /// <summary>The check's latest status; null until its first run ends.</summary>
    public HealthStatus? Status { get; }

    /// <summary>Whether an Unhealthy result fails the probes the check belongs to (else it makes them Degraded).</summary>
    public bool Critical { get; }

    /// <summary>The probes the check belongs to: a sorted, non-empty subset of <c>live</c>, <c>ready</c>, <c>startup</c>.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>How long the latest run took; zero before the first.</summary>
    public TimeSpan Duration { get; }

    /// <summary>When the latest run ended; null before the first.</summary>
    public DateTimeOffset? LastRun { get; }

    /// <summary>When the status last changed; null before the first run.</summary>
    public DateTimeOffset? LastChange { get; }

    /// <summary>The check's description, redacted; null when it gave none.</summary>
    public string? Description { get; }

    /// <summary>One of <see cref="HealthErrorCategories"/> when the status is not Healthy; null otherwise.</summary>
    public string? ErrorCategory { get; }
}
