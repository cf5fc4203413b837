using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>
/// What the memory caches and the disk-cache bounds share at start-up: every named options is validated before anything
/// is served (all errors at once, each naming its key), then the instruments and what each kind runs in the background
/// are started, and stopped with the host. With the health engine present the engine reports the errors (with its own,
/// and in <c>--opskit-validate</c>); without it, this does.
/// </summary>
/// <typeparam name="TOptions">The options type of the kind.</typeparam>
internal abstract class CachesHostedService<TOptions>(IServiceProvider services, string sectionName)
    : IHostedLifecycleService, IOpsStartupValidation, IDisposable
    where TOptions : class
{
    private readonly CacheCatalog<TOptions> _catalog = services.GetRequiredService<CacheCatalog<TOptions>>();
    private readonly IOptionsMonitor<TOptions> _options = services.GetRequiredService<IOptionsMonitor<TOptions>>();
    private readonly IConfiguration? _configuration = services.GetService<IConfiguration>();
    private readonly StartupReport? _healthEngine = services.GetService<StartupReport>();
    private readonly ValidateOnlyRequest? _validateOnly = services.GetService<ValidateOnlyRequest>();
    private IReadOnlyList<IDisposable> _started = [];

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (_healthEngine is null && Validate() is { Count: > 0 } errors)
        {
            throw new OptionsValidationException(sectionName, typeof(TOptions), errors);
        }

        return Task.CompletedTask;
    }

    IEnumerable<string> IOpsStartupValidation.Validate() => Validate();

    private List<string> Validate()
    {
        var errors = new List<string>();
        foreach (var section in _configuration?.GetSection(sectionName).GetChildren() ?? [])
        {
            if (!IsReservedKey(section.Key) && !_catalog.Names.Contains(section.Key, StringComparer.Ordinal))
            {
                errors.Add($"{section.Path}: {UnknownName(section.Key)}");
            }
        }

        errors.AddRange(NamedOptionsFailures.Of(_options, _catalog.Names));

        return errors;
    }

    /// <summary>Whether a key of the section is not a name but holds something else of the kind.</summary>
    protected virtual bool IsReservedKey(string key) => false;

    /// <summary>The error for a section that names no registered instance, with the method that registers one.</summary>
    protected abstract string UnknownName(string key);

    /// <summary>Creates the instances and starts what they run in the background; stopping disposes what this returns.</summary>
    protected abstract IReadOnlyList<IDisposable> Start(IServiceProvider services);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // --opskit-validate reports configuration and exits: nothing may start (a sweep deletes files), nor read options that failed.
        if (_validateOnly?.Enabled == true)
        {
            return Task.CompletedTask;
        }

        _ = services.GetRequiredService<CacheMetrics>();
        _started = Start(services);
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
        foreach (var started in _started)
        {
            started.Dispose();
        }

        _started = [];
    }
}
