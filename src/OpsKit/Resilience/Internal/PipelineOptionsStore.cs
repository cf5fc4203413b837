using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace OpsKit.Resilience.Internal;

/// <summary>
/// The last good settings of every pipeline. A configuration change rebuilds a pipeline's options; valid ones replace
/// the settings and signal Polly's registry to rebuild the pipeline, invalid ones are logged and the last good
/// settings stay in force.
/// </summary>
internal sealed class PipelineOptionsStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IOptionsFactory<OpsResiliencePipelineOptions> _factory;
    private readonly ResiliencePipelineCatalog _catalog;
    private readonly ILogger _logger;
    private readonly IConfiguration? _configuration;
    private readonly IDisposable? _subscription;
    private readonly Lock _reloadLock = new();
    private readonly SettingsMonitor _monitor;

    public PipelineOptionsStore(
        IOptionsFactory<OpsResiliencePipelineOptions> factory,
        ResiliencePipelineCatalog catalog,
        ILogger<PipelineOptionsStore> logger,
        IConfiguration? configuration = null)
    {
        _factory = factory;
        _catalog = catalog;
        _logger = logger;
        _configuration = configuration;
        _monitor = new SettingsMonitor(this);
        if (configuration is not null)
        {
            _subscription = ChangeToken.OnChange(configuration.GetReloadToken, OnConfigurationChanged);
        }
    }

    /// <summary>Pipelines registered in code and pipelines declared in configuration.</summary>
    public IReadOnlyList<string> KnownNames()
    {
        var names = new SortedSet<string>(_catalog.Names, StringComparer.Ordinal);
        if (_configuration is not null)
        {
            foreach (var section in _configuration.GetSection(OpsResiliencePipelineOptions.SectionName).GetChildren())
            {
                names.Add(section.Key);
            }
        }

        return [.. names];
    }

    /// <summary>Validates every known pipeline, returning all failures (each naming its key).</summary>
    public IReadOnlyList<string> ValidateAll()
    {
        var errors = new List<string>();
        foreach (var name in KnownNames())
        {
            try
            {
                _ = Get(name);
            }
            catch (OptionsValidationException ex)
            {
                errors.AddRange(ex.Failures);
            }
        }

        return errors;
    }

    /// <summary>The pipeline's current settings; throws <see cref="OptionsValidationException"/> when it never had valid ones.</summary>
    public PipelineSettings Get(string name) =>
        _entries.TryGetValue(name, out var entry) ? entry.Settings : _entries.GetOrAdd(name, Load).Settings;

    public PipelineSettings? TryGet(string name)
    {
        try
        {
            return Get(name);
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    /// <summary>Tells Polly's DI registrations (<c>EnableReloadsWithMonitor</c>) which pipeline's settings changed.</summary>
    public IOptionsMonitor<PipelineSettings> Monitor => _monitor;

    /// <summary>Cancelled when the pipeline's settings are replaced (Polly's registry then rebuilds the pipeline).</summary>
    public CancellationToken ReloadToken(string name) => _entries.TryGetValue(name, out var entry) ? entry.Reload.Token : CancellationToken.None;

    public void Dispose()
    {
        _subscription?.Dispose();
        foreach (var entry in _entries.Values)
        {
            entry.Reload.Dispose();
        }
    }

    private Entry Load(string name) => new(new PipelineSettings(name, _factory.Create(name)), Fingerprint(name));

    private void OnConfigurationChanged()
    {
        lock (_reloadLock)
        {
            foreach (var (name, current) in _entries)
            {
                var fingerprint = Fingerprint(name);
                if (fingerprint == current.Fingerprint)
                {
                    continue;
                }

                try
                {
                    var next = new Entry(new PipelineSettings(name, _factory.Create(name)), fingerprint);
                    _entries[name] = next;
                    Log.PipelineReloaded(_logger, name);
                    current.Reload.Cancel();
                    current.Reload.Dispose();
                    _monitor.Changed(next.Settings, name);
                }
                catch (OptionsValidationException ex)
                {
                    Log.PipelineReloadRejected(_logger, name, string.Join(" ", ex.Failures));
                }
            }
        }
    }

    private string Fingerprint(string name)
    {
        if (_configuration is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var (key, value) in _configuration.GetSection(PipelineNames.SectionPath(name)).AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        return text.ToString();
    }

    private sealed class SettingsMonitor(PipelineOptionsStore store) : IOptionsMonitor<PipelineSettings>
    {
        private readonly Lock _gate = new();
        private ImmutableArray<Action<PipelineSettings, string?>> _listeners = [];

        public PipelineSettings CurrentValue => throw new NotSupportedException("Pipelines are named.");

        public PipelineSettings Get(string? name) => store.Get(name ?? string.Empty);

        public IDisposable? OnChange(Action<PipelineSettings, string?> listener)
        {
            lock (_gate)
            {
                _listeners = _listeners.Add(listener);
            }

            return new Subscription(this, listener);
        }

        public void Changed(PipelineSettings settings, string name)
        {
            foreach (var listener in _listeners)
            {
                listener(settings, name);
            }
        }

        private void Remove(Action<PipelineSettings, string?> listener)
        {
            lock (_gate)
            {
                _listeners = _listeners.Remove(listener);
            }
        }

        private sealed class Subscription(SettingsMonitor monitor, Action<PipelineSettings, string?> listener) : IDisposable
        {
            public void Dispose() => monitor.Remove(listener);
        }
    }

    private sealed class Entry(PipelineSettings settings, string fingerprint)
    {
        public PipelineSettings Settings { get; } = settings;

        public string Fingerprint { get; } = fingerprint;

        public CancellationTokenSource Reload { get; } = new();
    }
}
