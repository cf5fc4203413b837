using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>
/// Validates every disk-cache bound's options before anything is served (all errors at once, each naming its key),
/// creates the sweepers and their instruments and starts their timers. With the health engine present the engine
/// reports the errors (with its own, and in <c>--opskit-validate</c>); without it, this does.
/// </summary>
internal sealed class DiskCachesHostedService(
    IServiceProvider services,
    DiskCacheCatalog catalog,
    IOptionsMonitor<OpsDiskCacheBoundOptions> options,
    IConfiguration? configuration = null,
    StartupReport? healthEngine = null,
    ValidateOnlyRequest? validateOnly = null) : IHostedLifecycleService, IOpsStartupValidation, IDisposable
{
    private IReadOnlyList<DiskCacheSweeper> _started = [];

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (healthEngine is null && Validate() is { Count: > 0 } errors)
        {
            throw new OptionsValidationException(OpsDiskCacheBoundOptions.SectionName, typeof(OpsDiskCacheBoundOptions), errors);
        }

        return Task.CompletedTask;
    }

    IEnumerable<string> IOpsStartupValidation.Validate() => Validate();

    private List<string> Validate()
    {
        var errors = new List<string>();
        foreach (var section in configuration?.GetSection(OpsDiskCacheBoundOptions.SectionName).GetChildren() ?? [])
        {
            if (!catalog.Names.Contains(section.Key, StringComparer.Ordinal))
            {
                errors.Add($"{section.Path}: no disk cache bound named '{section.Key}' is registered (AddOpsDiskCacheBound).");
            }
        }

        errors.AddRange(NamedOptionsFailures.Of(options, catalog.Names));

        return errors;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // --opskit-validate reports configuration and exits: it must not delete files, nor read options that failed.
        if (validateOnly?.Enabled == true)
        {
            return Task.CompletedTask;
        }

        _ = services.GetRequiredService<CacheMetrics>();
        _started = services.GetRequiredService<DiskCaches>().All;
        foreach (var sweeper in _started)
        {
            sweeper.Start();
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var sweeper in _started)
        {
            sweeper.Dispose();
        }
    }
}
