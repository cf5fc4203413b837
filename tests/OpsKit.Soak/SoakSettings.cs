using System.Globalization;

namespace OpsKit.Soak;

/// <summary>How long and how hard the soak runs; read from <c>SOAK_*</c> environment variables (see scripts/soak.sh).</summary>
internal sealed record SoakSettings(
    TimeSpan Duration,
    TimeSpan FaultLength,
    TimeSpan RecoveryLength,
    TimeSpan SampleInterval,
    int ProbesPerSecond,
    string OutputDirectory,
    string? FaultFilter)
{
    /// <summary>The sample's check period and timeout: a fault must show within period + timeout + 1 s.</summary>
    public static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(2);

    /// <inheritdoc cref="CheckPeriod"/>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Resources are sampled this long before the first fault (the baseline) and after the last recovery.</summary>
    public static readonly TimeSpan SettleLength = TimeSpan.FromSeconds(30);

    /// <summary>The niceness PostgreSQL and Redis run at (see <c>SoakEnvironment.LowerServerPriorityAsync</c>).</summary>
    public const int ServerNice = 10;

    /// <summary>The niceness the soak itself runs at once the sample and the prober have started.</summary>
    public const int OrchestratorNice = 5;

    /// <summary>
    /// The prober's priority: it stands for the kubelet, to which Kubernetes reserves CPU apart from the pods
    /// (system-reserved), so a delay of its own is not charged to the sample as probe time.
    /// </summary>
    public const int ProberNice = -5;

    public static TimeSpan DetectionBound => CheckPeriod + CheckTimeout + TimeSpan.FromSeconds(1);

    public static SoakSettings FromEnvironment() => new(
        Duration: ReadDuration("SOAK_DURATION", TimeSpan.FromMinutes(10)),
        FaultLength: ReadDuration("SOAK_FAULT", TimeSpan.FromSeconds(12)),
        RecoveryLength: ReadDuration("SOAK_RECOVERY", TimeSpan.FromSeconds(13)),
        SampleInterval: ReadDuration("SOAK_SAMPLE_EVERY", TimeSpan.FromSeconds(2)),
        ProbesPerSecond: ReadNumber("SOAK_PROBES_PER_SECOND", 200),
        OutputDirectory: Path.GetFullPath(Environment.GetEnvironmentVariable("SOAK_OUTPUT") is { Length: > 0 } output
            ? output
            : Path.Combine("artifacts", "soak")),
        FaultFilter: Environment.GetEnvironmentVariable("SOAK_FAULTS") is { Length: > 0 } filter ? filter : null);

    private static TimeSpan ReadDuration(string name, TimeSpan fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        // Seconds ("600") or a duration ("00:10:00").
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new ArgumentException($"{name} must be a number of seconds or a duration such as 00:10:00, not '{text}'.");
    }

    private static int ReadNumber(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive whole number, not '{text}'.");
    }
}
