using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health.Internal;

namespace OpsKit.Health;

/// <summary>
/// Adds application-defined checks to the OpsKit health engine.
/// </summary>
public static class OpsHealthBuilderExtensions
{
    /// <summary>
    /// Adds a check resolved from dependency injection (created per run, so it may depend on scoped services).
    /// </summary>
    /// <param name="builder">The health builder.</param>
    /// <param name="name">Check name, matching <c>[a-z0-9][a-z0-9._-]*</c>.</param>
    /// <param name="critical">Whether an Unhealthy result fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes: <c>live</c>, <c>ready</c>, <c>startup</c>. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ by the check's shape (a DI type or a delegate), never only by optional parameters.")]
    public static OpsHealthBuilder AddCheck<TCheck>(
        this OpsHealthBuilder builder, string name, bool critical = true, IEnumerable<string>? tags = null)
        where TCheck : class, IHealthCheck
    {
        ArgumentNullException.ThrowIfNull(builder);
        CheckNames.ThrowIfInvalid(name);
        builder.HealthChecks.AddCheck<TCheck>(name, HealthStatus.Unhealthy, Tags(critical, tags));
        return builder;
    }

    /// <summary>Adds a check written as a delegate.</summary>
    /// <param name="builder">The health builder.</param>
    /// <param name="name">Check name, matching <c>[a-z0-9][a-z0-9._-]*</c>.</param>
    /// <param name="check">The check. It receives a token that is cancelled at the check's timeout.</param>
    /// <param name="critical">Whether an Unhealthy result fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes: <c>live</c>, <c>ready</c>, <c>startup</c>. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ by the check's shape (a DI type or a delegate), never only by optional parameters.")]
    public static OpsHealthBuilder AddCheck(
        this OpsHealthBuilder builder,
        string name,
        Func<CancellationToken, Task<HealthCheckResult>> check,
        bool critical = true,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(check);
        CheckNames.ThrowIfInvalid(name);
        builder.HealthChecks.AddAsyncCheck(name, check, Tags(critical, tags));
        return builder;
    }

    private static string[] Tags(bool critical, IEnumerable<string>? tags)
    {
        var list = tags?.ToList() ?? [];
        if (!critical)
        {
            list.Add(OpsHealthTags.NonCritical);
        }

        return [.. list];
    }
}
