using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Health;

/// <summary>The latest result of one check, already redacted: safe to show anywhere.</summary>
/// <param name="Name">The check's name.</param>
/// <param name="Status">The check's latest status; null until its first run ends.</param>
/// <param name="Critical">Whether an Unhealthy result fails the probes the check belongs to (else it makes them Degraded).</param>
/// <param name="Tags">The probes the check belongs to: a sorted, non-empty subset of <c>live</c>, <c>ready</c>, <c>startup</c>.</param>
/// <param name="Duration">How long the latest run took; zero before the first.</param>
/// <param name="LastRun">When the latest run ended; null before the first.</param>
/// <param name="LastChange">When the status last changed; null before the first run.</param>
/// <param name="Description">The check's description, redacted; null when it gave none.</param>
/// <param name="ErrorCategory">One of <see cref="HealthErrorCategories"/> when the status is not Healthy; null otherwise.</param>
public sealed record OpsHealthEntry(
    string Name,
    HealthStatus? Status,
    bool Critical,
    IReadOnlyList<string> Tags,
    TimeSpan Duration,
    DateTimeOffset? LastRun,
    DateTimeOffset? LastChange,
    string? Description,
    string? ErrorCategory);
