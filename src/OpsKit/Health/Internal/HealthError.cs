namespace OpsKit.Health.Internal;

/// <summary>Why a check is not Healthy: a category from <see cref="HealthErrorCategories"/> and a redacted summary.</summary>
internal sealed record HealthError(string Category, string Message);
