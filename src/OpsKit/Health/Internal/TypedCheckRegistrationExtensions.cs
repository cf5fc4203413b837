using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// What the check-type methods of <see cref="OpsHealthBuilderExtensions"/> do: options named after the check, bound from
/// <c>OpsKit:Health:Checks:&lt;name&gt;</c> after code configuration, read afresh on every run.
/// </summary>
internal static class TypedCheckRegistrationExtensions
{
    public static CheckTypeRegistration RegisterCheckType<TCheck, TOptions>(this OpsHealthBuilder builder, string type)
        where TCheck : class, IHealthCheck
        where TOptions : OpsHealthCheckOptions, new()
    {
        if (builder.Catalog.Types.TryGetValue(type, out var existing))
        {
            return existing;
        }

        builder.Services.AddOpsSectionBinder<TOptions>(CheckNames.SectionPath("*"), named: static (name, options) => options.Name = name);

        var registration = new CheckTypeRegistration(
            type,
            typeof(TOptions),
            static (services, name) => services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name),
            static (services, name) => ActivatorUtilities.CreateInstance<TCheck>(
                services, services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        builder.Catalog.AddType(registration);
        return registration;
    }

    /// <summary>Registers a named instance of a check type (the built-in checks' entry point).</summary>
    public static OpsHealthBuilder AddTypedCheck<TCheck, TOptions>(
        this OpsHealthBuilder builder,
        string type,
        string name,
        Action<TOptions>? configure,
        bool? critical = null,
        IEnumerable<string>? tags = null)
        where TCheck : class, IHealthCheck
        where TOptions : OpsHealthCheckOptions, new()
    {
        CheckNames.ThrowIfInvalid(name);
        var registration = builder.RegisterCheckType<TCheck, TOptions>(type);
        builder.Catalog.AddTypedCheck(name, registration);

        var tagList = tags?.ToList();
        builder.Services.AddOptions<TOptions>(name).Configure(options =>
        {
            if (critical is { } isCritical)
            {
                options.Critical = isCritical;
            }

            if (tagList is not null)
            {
                options.Tags = [.. tagList];
            }

            configure?.Invoke(options);
        });

        builder.HealthChecks.Add(new HealthCheckRegistration(
            name,
            services => registration.Create(services, name),
            failureStatus: HealthStatus.Unhealthy,
            tags: tagList));
        return builder;
    }
}
