using OpsKit.Health.Internal;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// The one registration path behind the <c>Add*</c> methods of the <c>*ChecksBuilderExtensions</c> files: the method's
/// own arguments (a path, a URL, a host) are applied first, then the caller's <c>configure</c>, then configuration.
/// </summary>
internal static class BuiltInCheckRegistration
{
    public static OpsHealthBuilder AddBuiltInCheck<TCheck, TOptions>(
        this OpsHealthBuilder builder,
        string type,
        string name,
        Action<TOptions>? arguments,
        Action<TOptions>? configure,
        bool? critical,
        IEnumerable<string>? tags)
        where TCheck : class, IHealthCheck
        where TOptions : OpsHealthCheckOptions, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTypedCheck<TCheck, TOptions>(type, name, options =>
        {
            arguments?.Invoke(options);
            configure?.Invoke(options);
        }, critical, tags);
    }
}
