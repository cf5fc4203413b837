using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Slo.Internal;

/// <summary>
/// Reports every invalid SLO setting at once, each naming its key. With the health engine present the engine reports
/// them (with its own, and in <c>--opskit-validate</c>); without it, this fails start-up. Also creates the gauge.
/// </summary>
internal sealed class SloStartupValidator(SloMonitor monitor, SloMetrics metrics, StartupReport? healthEngine = null)
    : IHostedService, IOpsStartupValidation
{
    public IEnumerable<string> Validate() => monitor.Errors;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(metrics);
        if (healthEngine is null && monitor.Errors.Count > 0)
        {
            throw new OptionsValidationException(OpsSloOptions.SectionName, typeof(OpsSloOptions), monitor.Errors);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
