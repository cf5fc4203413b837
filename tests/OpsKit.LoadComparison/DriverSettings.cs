using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsKit.LoadComparison;

/// <summary>
/// The driver's settings, from environment variables (as scripts/load-compare.sh passes them): <c>LOAD_DURATION</c>
/// (each measured wrk run, default 10s), <c>LOAD_WARMUP</c> (default 2s), <c>LOAD_TIMEOUT</c> (wrk <c>--timeout</c>,
/// default 2s), <c>LOAD_THREADS</c> (2), <c>LOAD_CONNECTIONS</c> (64), <c>LOAD_TELEMETRY_ROUNDS</c> (3); and
/// <c>--out DIR</c> (default <c>artifacts/load</c>).
/// </summary>
internal sealed partial record DriverSettings(
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan Timeout,
    int Threads,
    int Connections,
    int TelemetryRounds,
    string OutputDirectory)
{
    public static DriverSettings FromEnvironment(string[] args)
    {
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine("artifacts", "load");
        return new DriverSettings(
            Duration: Time("LOAD_DURATION", "10s"),
            Warmup: Time("LOAD_WARMUP", "2s"),
            Timeout: Time("LOAD_TIMEOUT", "2s"),
            Threads: Number("LOAD_THREADS", 2),
            Connections: Number("LOAD_CONNECTIONS", 64),
            TelemetryRounds: Number("LOAD_TELEMETRY_ROUNDS", 3),
            OutputDirectory: Path.GetFullPath(output));
    }

    private static TimeSpan Time(string name, string fallback)
    {
        var text = Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        var match = TimeSyntax().Match(text);
        if (!match.Success)
        {
            throw new ArgumentException($"{name}={text}: use seconds like 10s (or 500ms, 1m).");
        }

        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var time = match.Groups["u"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => TimeSpan.FromSeconds(number),
        };
        return time >= TimeSpan.FromSeconds(1) ? time : throw new ArgumentException($"{name}={text}: at least 1s (wrk counts whole seconds).");
    }

    private static int Number(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name}={text}: use a positive whole number.");
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<u>ms|s|m)?$")]
    private static partial Regex TimeSyntax();
}
