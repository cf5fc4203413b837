using System.Diagnostics;

namespace OpsKit.Soak;

/// <summary>
/// The schedule: a quiet baseline, then the faults of <see cref="SoakEnvironment.Faults"/> in turn (each held for
/// <see cref="SoakSettings.FaultLength"/>, then undone and given <see cref="SoakSettings.RecoveryLength"/>), then a quiet
/// end; resources are sampled throughout.
/// </summary>
internal sealed class SoakRun(SoakSettings settings, SoakEnvironment environment, ProberProcess prober, ServerProbeTimer serverTimer, TextWriter log)
{
    public const string Baseline = "baseline";
    public const string Final = "final";
    public const string FirstCycle = "after the first cycle";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _clock = new();
    private readonly List<ResourceSample> _samples = [];
    private volatile string _phase = Baseline;

    /// <summary>How many faults one cycle has (every kind once).</summary>
    public int FaultsPerCycle { get; private set; }

    /// <summary>The sample's descriptors by kind at the end of the baseline, of the first cycle and of the run.</summary>
    public Dictionary<string, SortedDictionary<string, int>> Censuses { get; } = new(StringComparer.Ordinal);

    public async Task<(IReadOnlyList<ResourceSample> Samples, IReadOnlyList<FaultOutcome> Faults)> RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = SampleAsync(stopSampling.Token);
        var outcomes = new List<FaultOutcome>();
        try
        {
            await Task.Delay(SoakSettings.SettleLength, cancellationToken).ConfigureAwait(false);
            TakeCensus(Baseline);
            var faults = environment.Faults().Where(f => settings.FaultFilter is null || f.Name.Contains(settings.FaultFilter, StringComparison.Ordinal)).ToList();
            FaultsPerCycle = faults.Count;
            var count = Math.Max(1, (int)(settings.Duration / (settings.FaultLength + settings.RecoveryLength)));
            for (var i = 0; i < count; i++)
            {
                var fault = faults[i % faults.Count];
                outcomes.Add(await InjectAsync(i + 1, fault, cancellationToken).ConfigureAwait(false));
                if (i + 1 == faults.Count)
                {
                    TakeCensus(FirstCycle);
                }
            }

            _phase = Final;
            await Task.Delay(SoakSettings.SettleLength, cancellationToken).ConfigureAwait(false);
            TakeCensus(Final);
        }
        finally
        {
            await stopSampling.CancelAsync().ConfigureAwait(false);
            await sampling.ConfigureAwait(false);
        }

        lock (_samples)
        {
            return ([.. _samples], outcomes);
        }
    }

    private async Task<FaultOutcome> InjectAsync(int number, Fault fault, CancellationToken cancellationToken)
    {
        var injectedAt = _clock.Elapsed;
        _phase = fault.Name;
        await fault.InjectAsync().ConfigureAwait(false);
        var (detected, _) = await WaitForAsync(r => r.StatusOf(fault.Check) is not "Healthy" and not "missing", settings.FaultLength, cancellationToken).ConfigureAwait(false);
        await DelayUntilAsync(injectedAt + settings.FaultLength, cancellationToken).ConfigureAwait(false);

        var recoveryStarted = _clock.Elapsed;
        _phase = RecoveryPhase(number);
        await fault.RecoverAsync().ConfigureAwait(false);
        var (recovered, last) = await WaitForAsync(r => r.AllHealthy, settings.RecoveryLength, cancellationToken).ConfigureAwait(false);
        await DelayUntilAsync(recoveryStarted + settings.RecoveryLength, cancellationToken).ConfigureAwait(false);

        var outcome = new FaultOutcome(number, fault.Name, fault.Check, injectedAt.TotalSeconds, detected, recovered);
        var unhealthy = recovered is null
            ? " (still not Healthy: " + string.Join(", ", last.Checks.Where(c => c.Value != "Healthy").Select(c => $"{c.Key} {c.Value}").Prepend($"overall {last.Status}")) + ")"
            : string.Empty;
        log.WriteLine($"[soak] {number,2} {fault.Name}: detected after {Seconds(detected)}, all healthy after {Seconds(recovered)}{unhealthy}");
        return outcome;
    }

    // Polls /health until the condition holds; returns how long that took from the call (null: not within the limit)
    // and the last reading.
    private async Task<(TimeSpan? After, HealthReading Last)> WaitForAsync(Func<HealthReading, bool> condition, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var reading = HealthReading.Unanswered;
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            reading = await HealthReading.ReadAsync(environment.App.Client, cancellationToken).ConfigureAwait(false);
            if (condition(reading))
            {
                return (Stopwatch.GetElapsedTime(started), reading);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return (null, reading);
    }

    private Task DelayUntilAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        var left = at - _clock.Elapsed;
        return left > TimeSpan.Zero ? Task.Delay(left, cancellationToken) : Task.CompletedTask;
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        var sampler = new ResourceSampler(environment, prober, serverTimer);
        using var timer = new PeriodicTimer(settings.SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var sample = await sampler.SampleAsync(_clock.Elapsed.TotalSeconds, _phase, cancellationToken).ConfigureAwait(false);
                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void TakeCensus(string phase)
    {
        var ports = new Dictionary<int, string>
        {
            [environment.Postgres.Port] = "PostgreSQL",
            [environment.Redis.Port] = "Redis",
            [environment.Upstream.HealthUrl.Port] = "the upstream",
            [environment.App.Address.Port] = "the sample",
        };
        Censuses[phase] = DescriptorCensus.Take(environment.App.ProcessId, ports);
    }

    /// <summary>The label of the samples taken while the sample recovers from fault <paramref name="number"/>.</summary>
    public static string RecoveryPhase(int number) => $"recovering {number}";

    private static string Seconds(TimeSpan? value) => value is { } v ? $"{v.TotalSeconds:0.0} s" : "never";
}
