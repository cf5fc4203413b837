namespace OpsKit.Health.Internal;

/// <summary>
/// Adds the checks declared only in configuration (<c>OpsKit:Health:Checks:&lt;name&gt;</c> with a known <c>Type</c>)
/// to the health check registrations, after the ones registered in code. Invalid sections are left to
/// <see cref="HealthCheckSetup"/>, which reports them all at start-up.
/// </summary>
internal sealed class ConfiguredChecksSetup(OpsCheckCatalog catalog, IConfiguration? configuration = null)
    : IPostConfigureOptions<HealthCheckServiceOptions>
{
    public void PostConfigure(string? name, HealthCheckServiceOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        foreach (var section in configuration.GetSection(CheckNames.ChecksSection).GetChildren())
        {
            var checkName = section.Key;
            var type = section["Type"];
            if (!CheckNames.IsValid(checkName)
                || string.IsNullOrEmpty(type)
                || !catalog.Types.TryGetValue(type, out var registration)
                || options.Registrations.Any(r => r.Name == checkName))
            {
                continue;
            }

            options.Registrations.Add(new HealthCheckRegistration(
                checkName,
                services => registration.Create(services, checkName),
                failureStatus: HealthStatus.Unhealthy,
                tags: null));
        }
    }
}
