using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsKit.LoadComparison;

/// <summary>Runs wrk (wrapped in <c>timeout</c>) with <c>--latency</c> and parses its report.</summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri url, DriverSettings settings, TimeSpan duration, string label)
    {
        var seconds = Seconds(duration);
        string[] arguments =
        [
            "-k", "5", (seconds + (int)settings.Timeout.TotalSeconds + 30).ToString(CultureInfo.InvariantCulture), "wrk",
            "-t" + settings.Threads.ToString(CultureInfo.InvariantCulture),
            "-c" + settings.Connections.ToString(CultureInfo.InvariantCulture),
            "-d" + seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", Seconds(settings.Timeout).ToString(CultureInfo.InvariantCulture) + "s",
            "--latency",
            url.ToString(),
        ];
        var start = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode} ({label}):\n{output}\n{await stderr}");
        }

        var command = "wrk " + string.Join(' ', arguments.Skip(4));
        return Parse(output, command);
    }

    public static WrkResult Parse(string output, string command)
    {
        var requests = RequestsLine().Match(output);
        if (!requests.Success)
        {
            throw new FormatException($"Unexpected wrk output:\n{output}");
        }

        var socket = SocketErrorsLine().Match(output);
        var status = NonSuccessLine().Match(output);
        var count = Long(requests.Groups["n"].Value);
        var timeouts = socket.Success ? Long(socket.Groups["t"].Value) : 0;

        // wrk prints a distribution of zeros when no answer arrived within --timeout.
        var answeredInTime = count > timeouts;
        return new WrkResult(
            Command: command,
            Output: output,
            Requests: count,
            Runtime: Duration(requests.Groups["t"].Value, requests.Groups["u"].Value),
            RequestsPerSecond: double.Parse(RequestsPerSecondLine().Match(output).Groups["r"].Value, CultureInfo.InvariantCulture),
            P50: answeredInTime ? Percentile(output, "50") : null,
            P99: answeredInTime ? Percentile(output, "99") : null,
            ConnectErrors: socket.Success ? Long(socket.Groups["c"].Value) : 0,
            ReadErrors: socket.Success ? Long(socket.Groups["r"].Value) : 0,
            WriteErrors: socket.Success ? Long(socket.Groups["w"].Value) : 0,
            Timeouts: timeouts,
            NonSuccess: status.Success ? Long(status.Groups["n"].Value) : 0);
    }

    private static TimeSpan? Percentile(string output, string percent)
    {
        var match = Regex.Match(output, @"^\s+" + percent + @"%\s+(?<v>[\d.]+)(?<u>us|ms|s|m)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        return match.Success ? Duration(match.Groups["v"].Value, match.Groups["u"].Value) : null;
    }

    private static TimeSpan Duration(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => TimeSpan.FromMicroseconds(number),
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => throw new FormatException($"Unknown wrk time unit '{unit}'."),
        };
    }

    private static long Long(string value) => long.Parse(value, CultureInfo.InvariantCulture);

    private static int Seconds(TimeSpan duration) => Math.Max(1, (int)Math.Round(duration.TotalSeconds));

    [GeneratedRegex(@"(?<n>\d+) requests in (?<t>[\d.]+)(?<u>us|ms|s|m),")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Socket errors: connect (?<c>\d+), read (?<r>\d+), write (?<w>\d+), timeout (?<t>\d+)")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<n>\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Requests/sec:\s+(?<r>[\d.]+)")]
    private static partial Regex RequestsPerSecondLine();
}
