using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Resilience.Internal;

/// <summary>
/// Fails start-up with every invalid pipeline setting at once, each naming its configuration key. With the health
/// engine present the engine reports them (with its own, and in <c>--opskit-validate</c>); without it, this does.
/// </summary>
internal sealed class ResilienceStartupValidator(PipelineOptionsStore store, StartupReport? healthEngine = null)
    : IHostedService, IOpsStartupValidation
{
    public IEnumerable<string> Validate() => store.ValidateAll();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (healthEngine is null && store.ValidateAll() is { Count: > 0 } errors)
        {
            throw new OptionsValidationException(OpsResiliencePipelineOptions.SectionName, typeof(OpsResiliencePipelineOptions), errors);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
