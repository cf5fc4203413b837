using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Security.Internal;

/// <summary>
/// Reports invalid <c>OpsKit:Security</c> options and weak secrets at start-up, every error at once, each naming its
/// key. With the health engine present the engine reports them (with its own, and in <c>--opskit-validate</c>);
/// without it, this fails start-up itself.
/// </summary>
internal sealed class SecurityStartupValidator(
    IOptions<OpsSecurityOptions> options,
    IConfiguration configuration,
    StartupReport? healthEngine = null) : IHostedService, IOpsStartupValidation
{
    public IEnumerable<string> Validate()
    {
        OpsSecurityOptions value;
        try
        {
            value = options.Value;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Failures;
        }

        return [.. SecretConfigurationValidator.Validate(configuration, value)];
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (healthEngine is null && Validate().ToList() is { Count: > 0 } errors)
        {
            throw new OptionsValidationException(OpsSecurityOptions.SectionName, typeof(OpsSecurityOptions), errors);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
