namespace OpsKit.Health;

/// <summary>
/// Lets a check state the failure category and a safe message of a result that is not Healthy. Put it in
/// <c>HealthCheckResult.Exception</c>; the engine reports <see cref="Category"/> and the message (after redaction)
/// instead of classifying the exception itself.
/// </summary>
public sealed class HealthCheckFailureException : Exception
{
    /// <summary>Creates a failure with a category from <see cref="HealthErrorCategories"/>.</summary>
    /// <param name="category">The failure category, e.g. <see cref="HealthErrorCategories.Threshold"/>.</param>
    /// <param name="message">A short, operator-facing summary without secrets.</param>
    /// <param name="innerException">The exception that caused the failure, if any.</param>
    public HealthCheckFailureException(string category, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        Category = category;
    }

    /// <summary>The failure category.</summary>
    public string Category { get; }
}
