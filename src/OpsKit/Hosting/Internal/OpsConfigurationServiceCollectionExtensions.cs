using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpsKit.Hosting.Internal;

/// <summary>How a capability declares the configuration it reads: one binder, and one validation for all of <c>OpsKit:</c>.</summary>
internal static class OpsConfigurationServiceCollectionExtensions
{
    /// <summary>
    /// What an <c>AddOps*()</c> method does first: adds <paramref name="configure"/> to <typeparamref name="TOptions"/>
    /// on every call, and returns the options builder only while the capability is not registered yet (no
    /// <typeparamref name="TMarker"/> service), so that calling the method again configures again and registers nothing twice.
    /// </summary>
    public static OptionsBuilder<TOptions>? ConfigureOpsCapability<TOptions, TMarker>(this IServiceCollection services, Action<TOptions>? configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services.Any(static d => d.ServiceType == typeof(TMarker)) ? null : options;
    }

    /// <summary>
    /// Binds <paramref name="path"/> onto <typeparamref name="TOptions"/> with <see cref="OpsSectionBinder{TOptions}"/>
    /// and declares the section (its keys are the properties of <typeparamref name="TOptions"/>, or of the object
    /// <paramref name="target"/> returns) to the start-up validation.
    /// </summary>
    public static IServiceCollection AddOpsSection<TOptions>(
        this IServiceCollection services, string path, string qualifier = "", Func<TOptions, object>? target = null, Type? targetType = null)
        where TOptions : class
    {
        services.AddOpsSectionBinder(path, target);
        return services.AddOpsConfigurationSection(new OpsConfigurationSection(path, targetType ?? typeof(TOptions), qualifier));
    }

    /// <summary>Binds <paramref name="path"/> onto <typeparamref name="TOptions"/> without declaring it (the caller does).</summary>
    public static IServiceCollection AddOpsSectionBinder<TOptions>(
        this IServiceCollection services, string path, Func<TOptions, object>? target = null, Action<string, TOptions>? named = null)
        where TOptions : class
    {
        // One binder per options type: registering a second check type with the same options must not bind twice.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TOptions>, OpsSectionBinder<TOptions>>(
            sp => new OpsSectionBinder<TOptions>(sp.GetService<IConfiguration>(), path, target, named)));
        return services;
    }

    /// <summary>Declares a section to the start-up validation of everything under <c>OpsKit:</c>.</summary>
    public static IServiceCollection AddOpsConfigurationSection(this IServiceCollection services, OpsConfigurationSection section)
    {
        services.AddSingleton(section);
        if (!services.Any(d => d.ServiceType == typeof(OpsConfigurationValidation)))
        {
            services.AddOpsStartupValidator<OpsConfigurationValidation>();
        }

        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TValidator"/> once, as a hosted service (it fails start-up on its own when the health
    /// engine is absent) and as one of the validations the start-up report and <c>--opskit-validate</c> gather.
    /// </summary>
    public static IServiceCollection AddOpsStartupValidator<TValidator>(this IServiceCollection services)
        where TValidator : class, IHostedService, IOpsStartupValidation
    {
        services.AddSingleton<TValidator>();
        services.AddHostedService(static sp => sp.GetRequiredService<TValidator>());
        return services.AddSingleton<IOpsStartupValidation>(static sp => sp.GetRequiredService<TValidator>());
    }
}
