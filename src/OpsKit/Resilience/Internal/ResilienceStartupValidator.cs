using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OpsKit.Resilience.Internal;

/// <summary>Fails start-up with every invalid pipeline setting at once, each naming its configuration key.</summary>
internal sealed class ResilienceStartupValidator(PipelineOptionsStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var errors = store.ValidateAll();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(OpsResiliencePipelineOptions.SectionName, typeof(OpsResiliencePipelineOptions), errors);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
