using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OpsKit.Testing;

/// <summary>
/// Times one step of an acceptance scenario from the moment its fault (or change) is in place to the status the test
/// observes, and asserts the time against the scenario's own bound plus <see cref="LoadedMachineSlack"/>. Each
/// measurement is written to the test output and to <c>artifacts/scenarios/&lt;scenario&gt;.&lt;step&gt;.json</c> under the
/// repository root, which <c>scripts/scenario-table.sh</c> turns into the columns of docs/scenarios.md.
/// </summary>
public sealed class FaultClock
{
    /// <summary>
    /// What a loaded 2-core CI machine may add to a scenario's bound: timers that fire late and polls that wait for a
    /// CPU. It is the only slack; the poll limit is twice the asserted bound so that a late status is still measured.
    /// </summary>
    public static readonly TimeSpan LoadedMachineSlack = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What a step that starts a built sample as a process adds instead of <see cref="LoadedMachineSlack"/>: a cold
    /// <c>dotnet</c> start took 2.9-3.4 s on an idle 2-core machine and up to 8.7 s on a loaded one.
    /// </summary>
    public static readonly TimeSpan ProcessStartSlack = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The scenarios' N under the harness timing every sample test uses (check period 1 s, timeout 2 s): period +
    /// timeout + 1 s.
    /// </summary>
    public static readonly TimeSpan N = TimeSpan.FromSeconds(4);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _scenario;
    private readonly string _step;
    private readonly TimeSpan _seedBound;
    private readonly TimeSpan _slack;
    private readonly ITestOutputHelper _output;

    private FaultClock(string scenario, string step, TimeSpan seedBound, TimeSpan slack, ITestOutputHelper output)
    {
        _scenario = scenario;
        _step = step;
        _seedBound = seedBound;
        _slack = slack;
        _output = output;
    }

    /// <summary>The bound the test asserts: the scenario's bound plus the slack (<see cref="LoadedMachineSlack"/> unless named).</summary>
    public TimeSpan AssertedBound => _seedBound + _slack;

    /// <summary>The time since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Where the measurements of this run are written: <c>artifacts/scenarios</c> under the repository root.</summary>
    public static string ArtifactDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "scenarios");

    /// <summary>Starts timing; call it right after the fault (or change) is in place.</summary>
    /// <param name="scenario">The scenario id, for example <c>S1-T1</c>.</param>
    /// <param name="step">A short name of the step, used in the file name (for example <c>postgres-stopped</c>).</param>
    /// <param name="seedBound">The scenario's own bound for this step (its N, or the time it names).</param>
    /// <param name="output">The test's output, where the measurement is written too.</param>
    /// <param name="slack">
    /// The named slack added to <paramref name="seedBound"/>: <see cref="LoadedMachineSlack"/> when null, or
    /// <see cref="ProcessStartSlack"/> for a step that includes a process's start.
    /// </param>
    public static FaultClock Start(string scenario, string step, TimeSpan seedBound, ITestOutputHelper output, TimeSpan? slack = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        ArgumentNullException.ThrowIfNull(output);
        return new FaultClock(scenario, step, seedBound, slack ?? LoadedMachineSlack, output);
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="condition"/> holds, records the time since the fault and
    /// asserts it is within <see cref="AssertedBound"/>.
    /// </summary>
    /// <typeparam name="T">What the probe returns.</typeparam>
    /// <param name="probe">Reads the value (for example an HTTP response); exceptions count as "not yet".</param>
    /// <param name="condition">Whether the value is the awaited status.</param>
    /// <param name="because">What the step waits for, shown in the output and in a failure.</param>
    /// <returns>The first value that satisfied the condition.</returns>
    public async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string because)
    {
        T value;
        try
        {
            value = await Eventually.Until(probe, condition, 2 * AssertedBound, because).ConfigureAwait(false);
        }
        catch (XunitException)
        {
            Record(measured: null, because);
            throw;
        }

        Observed(because);
        return value;
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds, records the time since the fault and asserts it is within
    /// <see cref="AssertedBound"/>.
    /// </summary>
    /// <param name="condition">Whether the awaited status is there; exceptions count as "not yet".</param>
    /// <param name="because">What the step waits for, shown in the output and in a failure.</param>
    /// <returns>A task that completes when the condition held in time.</returns>
    public async Task UntilAsync(Func<Task<bool>> condition, string because)
    {
        try
        {
            await Eventually.Until(condition, 2 * AssertedBound, because).ConfigureAwait(false);
        }
        catch (XunitException)
        {
            Record(measured: null, because);
            throw;
        }

        Observed(because);
    }

    /// <summary>
    /// Records the time since the fault for a step whose end the test observes itself (a process that exits, a request
    /// that fails) and asserts it is within <see cref="AssertedBound"/>.
    /// </summary>
    /// <param name="because">What was observed.</param>
    public void Observed(string because)
    {
        var measured = _clock.Elapsed;
        Record(measured, because);
        Assert.True(
            measured <= AssertedBound,
            $"{_scenario} {_step}: {because} took {Ms(measured)} ms, over the bound of {Ms(AssertedBound)} ms " +
            $"(the scenario's {Ms(_seedBound)} ms + {Ms(_slack)} ms slack).");
    }

    private void Record(TimeSpan? measured, string because)
    {
        var shown = measured is { } m ? $"{Ms(m)} ms" : $"not within {Ms(2 * AssertedBound)} ms";
        _output.WriteLine(
            $"[timing] {_scenario} {_step}: {because}: {shown} after the fault (seed {Ms(_seedBound)} ms, asserted {Ms(AssertedBound)} ms)");
        Directory.CreateDirectory(ArtifactDirectory);
        var record = new Dictionary<string, object?>
        {
            ["scenario"] = _scenario,
            ["step"] = _step,
            ["what"] = because,
            ["seed_ms"] = Ms(_seedBound),
            ["slack_ms"] = Ms(_slack),
            ["asserted_ms"] = Ms(AssertedBound),
            ["measured_ms"] = measured is { } value ? Ms(value) : null,
            ["recorded_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        File.WriteAllText(Path.Combine(ArtifactDirectory, $"{_scenario}.{_step}.json"), JsonSerializer.Serialize(record) + "\n");
    }

    private static long Ms(TimeSpan time) => (long)Math.Round(time.TotalMilliseconds);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpsKit.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OpsKit.slnx above {AppContext.BaseDirectory}: the tests run outside the repository.");
    }
}
