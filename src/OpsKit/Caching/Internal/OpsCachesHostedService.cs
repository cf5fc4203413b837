using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>
/// Validates every cache's options before anything is served (all errors at once, each naming its key), creates the
/// caches and their instruments, and starts memory-pressure compaction. With the health engine present the engine
/// reports the errors (with its own, and in <c>--opskit-validate</c>); without it, this does.
/// </summary>
internal sealed class OpsCachesHostedService(
    IServiceProvider services,
    CacheCatalog catalog,
    IOptionsMonitor<OpsMemoryCacheOptions> options,
    ILogger<OpsCachesHostedService> logger,
    IConfiguration? configuration = null,
    StartupReport? healthEngine = null,
    ValidateOnlyRequest? validateOnly = null) : IHostedLifecycleService, IOpsStartupValidation, IDisposable
{
    private readonly List<MemoryPressureCompactor> _compactors = [];

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (healthEngine is null && Validate() is { Count: > 0 } errors)
        {
            throw new OptionsValidationException(OpsMemoryCacheOptions.SectionName, typeof(OpsMemoryCacheOptions), errors);
        }

        return Task.CompletedTask;
    }

    IEnumerable<string> IOpsStartupValidation.Validate() => Validate();

    private List<string> Validate()
    {
        var errors = new List<string>();
        foreach (var section in configuration?.GetSection(OpsMemoryCacheOptions.SectionName).GetChildren() ?? [])
        {
            if (!string.Equals(section.Key, CacheNames.PolicyKey, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(section.Key, CacheNames.DiskKey, StringComparison.OrdinalIgnoreCase)
                && !catalog.Names.Contains(section.Key, StringComparer.Ordinal))
            {
                errors.Add($"{section.Path}: no cache named '{section.Key}' is registered (AddOpsMemoryCache).");
            }
        }

        errors.AddRange(NamedOptionsFailures.Of(options, catalog.Names));

        return errors;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // --opskit-validate reports configuration and exits: nothing to start, and options may have failed validation.
        if (validateOnly?.Enabled == true)
        {
            return Task.CompletedTask;
        }

        _ = services.GetRequiredService<CacheMetrics>();
        var memory = services.GetService<ProcessMemory>() ?? ProcessMemory.System;
        foreach (var cache in services.GetRequiredService<OpsCaches>().All)
        {
            if (cache.Options.CompactOnMemoryPressure)
            {
                var compactor = new MemoryPressureCompactor(cache, memory, logger);
                _compactors.Add(compactor);
                compactor.Start();
            }
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
        foreach (var compactor in _compactors)
        {
            compactor.Dispose();
        }

        _compactors.Clear();
    }
}
