using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Runs every check in the background on its own jittered period and keeps the latest results in an immutable
/// <see cref="HealthSnapshot"/>. Probes only read the snapshot. At most one run per check exists at any time: a
/// run that overruns its timeout is abandoned (reported Unhealthy with category <c>timeout</c>, its parallelism slot
/// released), and the check is not started again until the abandoned run ends. A check whose dependency
/// (<see cref="CheckDescriptor.DependsOn"/>) is Unhealthy is not run; before reading a dependency's result a run waits
/// for that dependency's run in progress, so both see the same outage.
/// </summary>
internal sealed class HealthCheckRunner : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly TimeProvider _time;
    private readonly CheckEntryFactory _entries;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _snapshotLock = new();
    private readonly List<Task> _loops = [];
    private CheckState[] _states = [];
    private HealthSnapshot _snapshot;
    private int _inFlight;

    public HealthCheckRunner(
        IServiceScopeFactory scopeFactory,
        IOptions<OpsHealthOptions> options,
        HealthRedactor redactor,
        OpsKitMeter meter,
        MaintenanceState maintenance,
        ILogger<HealthCheckRunner> logger,
        TimeProvider? time = null)
    {
        _scopeFactory = scopeFactory;
        _time = time ?? TimeProvider.System;
        _entries = new CheckEntryFactory(redactor, _time);
        _logger = logger;
        int parallelism;
        try
        {
            parallelism = Math.Max(1, options.Value.MaxParallelism);
        }
        catch (OptionsValidationException)
        {
            parallelism = 1; // the setup reports the error at start-up
        }

        _slots = new SemaphoreSlim(parallelism, parallelism);
        _snapshot = HealthSnapshot.Empty([], [], _time.GetUtcNow());
        // Nothing to observe before the runner starts (validate-only mode, or a host that failed to start).
        Metrics = new HealthMetrics(meter, () => IsStarted ? Volatile.Read(ref _snapshot) : null, maintenance);
    }

    public HealthSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public HealthMetrics Metrics { get; }

    public HealthTransitions Transitions { get; } = new();

    /// <summary>Runs that have started and not yet ended, abandoned ones included.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public bool IsStarted { get; private set; }

    /// <summary>Raised after a check's status changes in the snapshot (its first result included).</summary>
    public event Action? StatusChanged;

    public void Initialize(IReadOnlyList<CheckDescriptor> checks, IReadOnlyList<HealthGroup> groups)
    {
        _states = checks.Select(c => new CheckState(c)).ToArray();
        var byName = _states.ToDictionary(s => s.Check.Name, StringComparer.Ordinal);
        foreach (var state in _states)
        {
            state.Dependencies = [.. state.Check.DependsOn.Select(byName.GetValueOrDefault).OfType<CheckState>()];
        }

        _snapshot = HealthSnapshot.Empty(checks, groups, _time.GetUtcNow());
    }

    /// <summary>Starts one scheduling loop per check; the first run of each starts at once.</summary>
    public void Start()
    {
        IsStarted = true;
        foreach (var state in _states)
        {
            _loops.Add(ScheduleAsync(state, _stopping.Token));
        }
    }

    /// <summary>
    /// Starts a run of every check in the set whose result is older than twice its period, unless one is
    /// already running (single flight). Never waits.
    /// </summary>
    public void RefreshIfStale(Func<CheckDescriptor, bool> inSet)
    {
        if (!IsStarted)
        {
            return;
        }

        var snapshot = Snapshot;
        var now = _time.GetUtcNow();
        foreach (var state in _states)
        {
            var check = state.Check;
            if (inSet(check) && snapshot.Entries[check.Index] is { } entry && now - entry.LastRun > 2 * check.Period)
            {
                _ = TryRun(state);
            }
        }
    }

    /// <summary>Runs one check now (or joins the run in progress) and returns its result.</summary>
    public async Task<CheckResultEntry?> RunNowAsync(string name, CancellationToken cancellationToken)
    {
        var state = _states.FirstOrDefault(s => s.Check.Name == name);
        if (state is null)
        {
            return null;
        }

        var run = TryRun(state) ?? state.CurrentRun;
        if (run is not null)
        {
            await run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return Snapshot.Entries[state.Check.Index];
    }

    /// <summary>Runs every check once, waiting for each result (validate-only mode).</summary>
    public async Task RunAllOnceAsync(CancellationToken cancellationToken)
    {
        var runs = _states.Select(s => TryRun(s) ?? s.CurrentRun).OfType<Task>().ToList();
        await Task.WhenAll(runs).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task ScheduleAsync(CheckState state, CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            _ = TryRun(state);
            try
            {
                await Task.Delay(Jittered(state.Check.Period), _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan Jittered(TimeSpan period) =>
        period + TimeSpan.FromTicks((long)(period.Ticks * 0.1 * Random.Shared.NextDouble()));

    /// <summary>Starts a run unless one (possibly abandoned) is still executing; returns the tracking task.</summary>
    private Task? TryRun(CheckState state)
    {
        lock (state.Gate)
        {
            if (state.Busy)
            {
                return null;
            }

            state.Busy = true;
        }

        var run = RunAsync(state, _stopping.Token);
        state.CurrentRun = run;
        return run;
    }

    /// <summary>Completes when the run is recorded, which is at its timeout at the latest.</summary>
    private async Task RunAsync(CheckState state, CancellationToken stopping)
    {
        var check = state.Check;
        using var span = CheckRunSpan.Start(check);
        try
        {
            if (await FailedDependencyAsync(state, startIfMissing: true, stopping).ConfigureAwait(false) is { } dependency)
            {
                var skipped = _entries.DependencyFailed(check, dependency, TimeSpan.Zero);
                CheckRunSpan.Complete(span, skipped);
                Record(state, skipped, executed: false);
                Release(state);
                return;
            }

            await _slots.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Release(state);
            return;
        }

        Interlocked.Increment(ref _inFlight);
        var slotReleased = 0;
        void ReleaseSlot()
        {
            if (Interlocked.Exchange(ref slotReleased, 1) == 0)
            {
                _slots.Release();
            }
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var started = _time.GetTimestamp();

        // Task.Run: a check that blocks synchronously must not block the scheduler or the caller.
        var execution = Task.Run(() => ExecuteAsync(check, cancellation.Token), CancellationToken.None);
        var abandoned = false;
        _ = execution.ContinueWith(
            _ =>
            {
                ReleaseSlot();
                cancellation.Dispose();
                Interlocked.Decrement(ref _inFlight);
                if (Volatile.Read(ref abandoned))
                {
                    Log.AbandonedRunEnded(_logger, check.Name, _time.GetElapsedTime(started).TotalMilliseconds);
                }

                Release(state);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        CheckResultEntry entry;
        try
        {
            var result = await execution.WaitAsync(check.Timeout, _time, stopping).ConfigureAwait(false);
            entry = _entries.FromResult(result, _time.GetElapsedTime(started));
        }
        catch (TimeoutException) when (execution.IsCompleted)
        {
            // The run ended while the engine's own timeout waited for a thread: in a stalled or overloaded process both
            // timers fire late, and the check's answer at its own deadline (PostgreSQL's at 90 % of the timeout) must
            // not count as an abandoned run. ExecuteAsync never throws.
            entry = _entries.FromResult(await execution.ConfigureAwait(false), _time.GetElapsedTime(started));
        }
        catch (TimeoutException)
        {
            Volatile.Write(ref abandoned, true);
            ReleaseSlot();
            await cancellation.CancelAsync().ConfigureAwait(false);
            Metrics.RecordAbandoned(check);
            Log.CheckAbandoned(_logger, check.Name, check.Timeout.TotalMilliseconds);
            entry = _entries.TimedOut(check, _time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        // A run that started just before its dependency's outage fails on the same cause: blame the dependency if its
        // run in progress ends Unhealthy.
        try
        {
            if (entry.Status != HealthStatus.Healthy
                && await FailedDependencyAsync(state, startIfMissing: false, stopping).ConfigureAwait(false) is { } dependency)
            {
                entry = _entries.DependencyFailed(check, dependency, entry.Duration);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        CheckRunSpan.Complete(span, entry);
        Record(state, entry, executed: true);
    }

    /// <summary>
    /// The name of the first dependency that is Unhealthy, after waiting for its run in progress (or, with
    /// <paramref name="startIfMissing"/>, starting its first run); null when none is.
    /// </summary>
    private async Task<string?> FailedDependencyAsync(CheckState state, bool startIfMissing, CancellationToken stopping)
    {
        foreach (var dependency in state.Dependencies)
        {
            // The latest run completes once its result is recorded: awaiting it is instant unless it is in progress.
            var run = dependency.CurrentRun;
            if (run is null && startIfMissing)
            {
                run = TryRun(dependency) ?? dependency.CurrentRun;
            }

            if (run is not null)
            {
                await run.WaitAsync(stopping).ConfigureAwait(false);
            }

            if (Snapshot.Entries[dependency.Check.Index] is { Status: HealthStatus.Unhealthy })
            {
                return dependency.Check.Name;
            }
        }

        return null;
    }

    private static void Release(CheckState state)
    {
        lock (state.Gate)
        {
            state.Busy = false;
        }
    }

    private async Task<HealthCheckResult> ExecuteAsync(CheckDescriptor check, CancellationToken cancellationToken)
    {
        try
        {
            var scope = _scopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var instance = check.Registration.Factory(scope.ServiceProvider);
                var context = new HealthCheckContext { Registration = check.Registration };
                return await instance.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(check.Registration.FailureStatus, exception: ex);
        }
#pragma warning disable CA1031 // A failing check is a result, not a crash of the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(check.Registration.FailureStatus, exception: ex);
        }
    }

    /// <summary>Stores what damping makes of <paramref name="run"/>; runs count in the metrics with their own status.</summary>
    private void Record(CheckState state, CheckResultEntry run, bool executed)
    {
        var check = state.Check;
        CheckResultEntry? previous;
        CheckResultEntry reported;
        lock (_snapshotLock)
        {
            var snapshot = _snapshot;
            previous = snapshot.Entries[check.Index];
            reported = state.Damping.Apply(previous, run);
            Volatile.Write(ref _snapshot, snapshot.With(check.Index, reported, _time.GetUtcNow()));
        }

        if (executed)
        {
            Metrics.RecordRun(check, run.Status, run.Duration);
        }

        Log.Transition(_logger, check.Name, previous, reported);
        if (previous?.Status != reported.Status)
        {
            Transitions.Add(new(_time.GetUtcNow(), check.Name, previous?.Status.ToString() ?? "Pending", reported.Status.ToString(), reported.Error?.Category));
            StatusChanged?.Invoke();
        }
    }

    private sealed class CheckState(CheckDescriptor check)
    {
        public CheckDescriptor Check { get; } = check;

        public Lock Gate { get; } = new();

        public bool Busy { get; set; }

        public IReadOnlyList<CheckState> Dependencies { get; set; } = [];

        public FlapDamping Damping { get; } = new(check.FailureThreshold, check.SuccessThreshold);

        public Task? CurrentRun { get; set; }
    }
}
