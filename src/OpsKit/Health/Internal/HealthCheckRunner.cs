using OpsKit.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Runs every check in the background on its own jittered period and keeps the latest results in an immutable
/// <see cref="HealthSnapshot"/>. Probes only read the snapshot. At most one run per check exists at any time: a
/// run that overruns its timeout is abandoned (reported Unhealthy with category <c>timeout</c>, its parallelism slot
/// released), and the check is not started again until the abandoned run ends.
/// </summary>
internal sealed class HealthCheckRunner : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly TimeProvider _time;
    private readonly HealthRedactor _redactor;
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
        _redactor = redactor;
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
        _snapshot = HealthSnapshot.Empty([], _time.GetUtcNow());
        // Nothing to observe before the runner starts (validate-only mode, or a host that failed to start).
        Metrics = new HealthMetrics(meter, () => IsStarted ? Volatile.Read(ref _snapshot) : null, maintenance);
    }

    public HealthSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public HealthMetrics Metrics { get; }

    /// <summary>Runs that have started and not yet ended, abandoned ones included.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public bool IsStarted { get; private set; }

    /// <summary>Raised after a check's status changes in the snapshot (its first result included).</summary>
    public event Action? StatusChanged;

    public void Initialize(IReadOnlyList<CheckDescriptor> checks)
    {
        _states = checks.Select(c => new CheckState(c)).ToArray();
        _snapshot = HealthSnapshot.Empty(checks, _time.GetUtcNow());
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
        try
        {
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
            entry = ToEntry(check, result, _time.GetElapsedTime(started));
        }
        catch (TimeoutException)
        {
            Volatile.Write(ref abandoned, true);
            ReleaseSlot();
            await cancellation.CancelAsync().ConfigureAwait(false);
            Metrics.RecordAbandoned(check);
            Log.CheckAbandoned(_logger, check.Name, check.Timeout.TotalMilliseconds);
            entry = new CheckResultEntry(
                HealthStatus.Unhealthy,
                _time.GetElapsedTime(started),
                _time.GetUtcNow(),
                _time.GetUtcNow(),
                description: null,
                new HealthError(HealthErrorCategories.Timeout, $"no answer within {check.Timeout.TotalMilliseconds:0} ms"),
                []);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        Record(check, entry);
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

    private CheckResultEntry ToEntry(CheckDescriptor check, HealthCheckResult result, TimeSpan duration)
    {
        HealthError? error = null;
        if (result.Status != HealthStatus.Healthy)
        {
            error = result.Exception is { } exception
                ? HealthErrorClassifier.Classify(exception)
                : new HealthError(HealthErrorCategories.Threshold, result.Description ?? result.Status.ToString());
            error = error with { Message = _redactor.Redact(error.Message) };
        }

        var data = result.Data.Count == 0
            ? (IReadOnlyList<KeyValuePair<string, object?>>)[]
            : result.Data.Select(pair => new KeyValuePair<string, object?>(pair.Key, RedactValue(pair.Value))).ToArray();
        var now = _time.GetUtcNow();
        return new CheckResultEntry(
            result.Status,
            duration,
            now,
            now,
            result.Description is null ? null : _redactor.Redact(result.Description),
            error,
            data);
    }

    private object? RedactValue(object? value) => value switch
    {
        string text => _redactor.Redact(text),
        IEnumerable<string> texts => texts.Select(_redactor.Redact).ToArray(),
        _ => value,
    };

    private void Record(CheckDescriptor check, CheckResultEntry entry)
    {
        CheckResultEntry? previous;
        lock (_snapshotLock)
        {
            var snapshot = _snapshot;
            previous = snapshot.Entries[check.Index];
            if (previous is not null && previous.Status == entry.Status)
            {
                entry = entry.WithLastChange(previous.LastChange);
            }

            Volatile.Write(ref _snapshot, snapshot.With(check.Index, entry, _time.GetUtcNow()));
        }

        Metrics.RecordRun(check, entry.Status, entry.Duration);
        LogTransition(check, previous, entry);
        if (previous?.Status != entry.Status)
        {
            StatusChanged?.Invoke();
        }
    }

    private void LogTransition(CheckDescriptor check, CheckResultEntry? previous, CheckResultEntry entry)
    {
        if (previous is null)
        {
            if (entry.Status == HealthStatus.Healthy)
            {
                Log.CheckFirstResult(_logger, check.Name, entry.Status.ToString());
                return;
            }
        }
        else if (previous.Status == entry.Status)
        {
            return;
        }

        var previousStatus = previous?.Status.ToString() ?? "Unknown";
        if (entry.Error is { } error)
        {
            Log.CheckDegradedOrWorse(_logger, check.Name, previousStatus, entry.Status.ToString(), error.Category, error.Message);
        }
        else
        {
            Log.CheckRecovered(_logger, check.Name, previousStatus, entry.Status.ToString());
        }
    }

    private sealed class CheckState(CheckDescriptor check)
    {
        public CheckDescriptor Check { get; } = check;

        public Lock Gate { get; } = new();

        public bool Busy { get; set; }

        public Task? CurrentRun { get; set; }
    }
}
