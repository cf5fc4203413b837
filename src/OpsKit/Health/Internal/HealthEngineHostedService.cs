using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Ties the engine to the host: validates configuration before anything is served (every error at once, each
/// naming its key), starts the runner, polls the maintenance file, and holds shutdown for <c>ShutdownDelay</c>
/// while readiness answers 503 <c>stopping</c>.
/// </summary>
internal sealed class HealthEngineHostedService(
    HealthCheckSetup setup,
    HealthCheckRunner runner,
    MaintenanceState maintenance,
    LifecycleState lifecycle,
    IOptionsMonitor<OpsHealthOptions> options,
    IHostApplicationLifetime applicationLifetime,
    ILogger<HealthEngineHostedService> logger,
    ValidateOnlyRequest validateOnly,
    TimeProvider? time = null) : IHostedLifecycleService, IAsyncDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private ITimer? _maintenanceTimer;
    private CancellationTokenRegistration _stoppingRegistration;
    private IReadOnlyList<string> _errors = [];

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var (checks, groups, errors) = setup.Build();
        _errors = errors;
        if (errors.Count > 0 && !validateOnly.Enabled)
        {
            throw new OptionsValidationException(
                OpsHealthOptions.SectionName,
                typeof(OpsHealthOptions),
                errors);
        }

        runner.Initialize(checks, groups);
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (validateOnly.Enabled)
        {
            await ValidateAndExitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // On SIGTERM the console lifetime signals ApplicationStopping before the host calls StoppingAsync: readiness
        // (and the readiness port, which follows it) must report stopping from that first signal.
        _stoppingRegistration = applicationLifetime.ApplicationStopping.Register(
            static s => ((LifecycleState)s!).MarkStopping(), lifecycle);
        maintenance.PollFile();
        _maintenanceTimer = _time.CreateTimer(
            static state => ((MaintenanceState)state!).PollFile(), maintenance, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        runner.Start();
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        lifecycle.MarkStopping();
        var delay = validateOnly.Enabled ? TimeSpan.Zero : options.CurrentValue.ShutdownDelay;
        if (delay > TimeSpan.Zero)
        {
            Log.ShutdownDelayStarted(logger, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout won; stop now.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stoppingRegistration.DisposeAsync().ConfigureAwait(false);
        if (_maintenanceTimer is not null)
        {
            await _maintenanceTimer.DisposeAsync().ConfigureAwait(false);
        }

        await runner.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ValidateAndExitAsync(CancellationToken cancellationToken)
    {
        var output = validateOnly.Output;
        var problems = new List<string>(_errors);

        // The checks whose configuration is valid run even when other settings are wrong: an operator fixing a
        // deployment wants every problem from one run, not one class of problems per attempt.
        await runner.RunAllOnceAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = runner.Snapshot;
        for (var i = 0; i < snapshot.Checks.Count; i++)
        {
            var check = snapshot.Checks[i];
            var entry = snapshot.Entries[i];
            if (entry is null || entry.Status == HealthStatus.Healthy)
            {
                continue;
            }

            var severity = entry.Status == HealthStatus.Unhealthy && check.Critical ? "error" : "warning";
            var error = entry.Error is { } e ? $"{e.Category}: {e.Message}" : entry.Status.ToString();
            var line = $"{CheckNames.SectionPath(check.Name)} ({severity}): {entry.Status}, {error}";
            if (severity == "error")
            {
                problems.Add(line);
            }
            else
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        foreach (var problem in problems)
        {
            await output.WriteLineAsync(problem).ConfigureAwait(false);
        }

        await output.WriteLineAsync(problems.Count == 0
            ? "OpsKit validation passed."
            : $"OpsKit validation failed: {problems.Count} problem(s).").ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        Environment.ExitCode = problems.Count == 0 ? 0 : 1;
        applicationLifetime.StopApplication();
    }
}
