namespace OpsKit.Health.Internal;

/// <summary>Which options type reads <c>OpsKit:Health:Checks:&lt;name&gt;</c>: the one the check was registered with.</summary>
internal static class CheckSections
{
    /// <summary>
    /// The options type of the named check (registered in code or by an integration package), else of the declared
    /// <c>Type</c>, else the common keys of a plain <c>IHealthCheck</c>; null when the section names no check, which
    /// <see cref="HealthCheckSetup"/> reports with the registered names.
    /// </summary>
    public static (Type Type, string Qualifier)? Shape(IServiceProvider services, IConfigurationSection section)
    {
        if (!CheckNames.IsValid(section.Key) || services.GetService<OpsCheckCatalog>() is not { } catalog)
        {
            return null;
        }

        var type = section["Type"];
        var qualifier = type is null ? string.Empty : $" of a '{type}' check";
        var registration = catalog.TypedChecks.GetValueOrDefault(section.Key) ?? (type is null ? null : catalog.Types.GetValueOrDefault(type));
        if (registration is not null)
        {
            return (registration.OptionsType, qualifier);
        }

        var registered = services.GetService<IOptions<HealthCheckServiceOptions>>()?.Value.Registrations.Any(r => r.Name == section.Key) == true;
        return registered && type is null ? (typeof(OpsHealthCheckOptions), qualifier) : null;
    }
}
