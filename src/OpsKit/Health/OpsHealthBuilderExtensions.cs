using System.Diagnostics.CodeAnalysis;
using OpsKit.Health.Internal;

namespace OpsKit.Health;

/// <summary>
/// Adds application-defined checks to the OpsKit health engine: plain <see cref="IHealthCheck"/>s, and check types with
/// their own options that behave like OpsKit's built-in checks. A check type's instances can be declared in
/// configuration by <c>OpsKit:Health:Checks:&lt;name&gt;:Type</c>; each instance's section is bound over the values set in
/// code (an unknown key is an error naming it); its options are validated by every registered
/// <c>IValidateOptions&lt;TOptions&gt;</c>, whose errors join the one start-up report and <c>--opskit-validate</c>; and
/// <c>Critical</c>, <c>Tags</c>, <c>Period</c> and <c>Timeout</c> apply as for any check.
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
    [SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ by the check's shape (a DI type, a delegate, a typed check with options), never only by optional parameters.")]
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
    [SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ by the check's shape (a DI type, a delegate, a typed check with options), never only by optional parameters.")]
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

    /// <summary>
    /// Makes <paramref name="type"/> declarable in configuration: a section <c>OpsKit:Health:Checks:&lt;name&gt;</c> with
    /// <c>Type</c> = <paramref name="type"/> adds a check of <typeparamref name="TCheck"/> named <c>&lt;name&gt;</c>, with its
    /// options bound from that section. Adding the same type again does nothing.
    /// </summary>
    /// <typeparam name="TCheck">
    /// The check. It is created per run with <c>ActivatorUtilities</c>: its constructor receives the instance's current
    /// <typeparamref name="TOptions"/> and any registered service (for example <see cref="TimeProvider"/> or
    /// <see cref="Hosting.OpsKitMeter"/>).
    /// </typeparam>
    /// <typeparam name="TOptions">The check's options; its public properties are the configuration keys.</typeparam>
    /// <param name="builder">The health builder.</param>
    /// <param name="type">The type name configuration uses, lowercase, e.g. <c>rabbitmq</c>; compared case-insensitively.</param>
    /// <returns>The builder.</returns>
    public static OpsHealthBuilder AddCheckType<TCheck, TOptions>(this OpsHealthBuilder builder, string type)
        where TCheck : class, IHealthCheck
        where TOptions : OpsHealthCheckOptions, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        builder.RegisterCheckType<TCheck, TOptions>(type);
        return builder;
    }

    /// <summary>
    /// Adds a check named <paramref name="name"/> of type <paramref name="type"/> (added with
    /// <see cref="AddCheckType{TCheck, TOptions}"/> if it is not yet). Options are built in this order: defaults of
    /// <typeparamref name="TOptions"/>, <paramref name="critical"/> and <paramref name="tags"/>,
    /// <paramref name="configure"/>, then the section <c>OpsKit:Health:Checks:&lt;name&gt;</c>; they are read afresh on every
    /// run, so a configuration reload applies to the next one.
    /// </summary>
    /// <typeparam name="TCheck">The check, created per run with the instance's current options (see <see cref="AddCheckType{TCheck, TOptions}"/>).</typeparam>
    /// <typeparam name="TOptions">The check's options.</typeparam>
    /// <param name="builder">The health builder.</param>
    /// <param name="type">The check type, e.g. <c>rabbitmq</c>.</param>
    /// <param name="name">The check name, matching <c>[a-z0-9][a-z0-9._-]*</c>; unique among all checks.</param>
    /// <param name="configure">Sets options in code; configuration overrides them.</param>
    /// <param name="critical">Whether an Unhealthy result fails readiness. Default: <see langword="true"/>.</param>
    /// <param name="tags">Probes: <c>live</c>, <c>ready</c>, <c>startup</c>. Default: <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads differ by the check's shape (a DI type, a delegate, a typed check with options), never only by optional parameters.")]
    public static OpsHealthBuilder AddCheck<TCheck, TOptions>(
        this OpsHealthBuilder builder,
        string type,
        string name,
        Action<TOptions>? configure = null,
        bool? critical = null,
        IEnumerable<string>? tags = null)
        where TCheck : class, IHealthCheck
        where TOptions : OpsHealthCheckOptions, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return builder.AddTypedCheck<TCheck, TOptions>(type, name, configure, critical, tags);
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
