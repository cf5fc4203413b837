using System.Diagnostics;

namespace OpsKit.Soak;

/// <summary>
/// The schedule: a quiet baseline, then the faults of <see cref="SoakEnvironment.Faults"/> in turn (each held for
/// <see cref="SoakSettings.FaultLength"/>, then undone and given <see cref="SoakSettings.RecoveryLength"/>), then a quiet
/// end; resources are sampled throughout.
/// </summary>
internal sealed class SoakRun(SoakSettings settings, SoakEnvironment environment, ProbeStorm storm, TextWriter log)
{
    public const string Baseline = "baseline";
    public const string Final = "final";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _clock = new();
    private readonly List<ResourceSample> _samples = [];
    private volatile string _phase = Baseline;

    public async Task<(IReadOnlyList<ResourceSample> Samples, IReadOnlyList<FaultOutcome> Faults)> RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = SampleAsync(stopSampling.Token);
        var outcomes = new List<FaultOutcome>();
        try
        {
            await Task.Delay(SoakSettings.SettleLength, cancellationToken).ConfigureAwait(false);
            var faults = environment.Faults();
            var count = Math.Max(1, (int)(settings.Duration / (settings.FaultLength + settings.RecoveryLength)));
            for (var i = 0; i < count; i++)
            {
                var fault = faults[i % faults.Count];
                outcomes.Add(await InjectAsync(i + 1, fault, cancellationToken).ConfigureAwait(false));
            }

            _phase = Final;
            await Task.Delay(SoakSettings.SettleLength, cancellationToken).ConfigureAwait(false);
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
        var sampler = new ResourceSampler(environment, storm);
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

    /// <summary>The label of the samples taken while the sample recovers from fault <paramref name="number"/>.</summary>
    public static string RecoveryPhase(int number) => $"recovering {number}";

    private static string Seconds(TimeSpan? value) => value is { } v ? $"{v.TotalSeconds:0.0} s" : "never";
}
