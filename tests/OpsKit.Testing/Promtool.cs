using System.Diagnostics;

namespace OpsKit.Testing;

/// <summary>Runs Prometheus' <c>promtool</c> (Debian package <c>prometheus</c>, installed by <c>.ci/run</c>).</summary>
public static class Promtool
{
    /// <summary><c>promtool check metrics</c> reads the exposition text from stdin; exit 3 means lint problems.</summary>
    public static Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition) =>
        RunAsync(["check", "metrics"], exposition);

    /// <summary><c>promtool check rules</c> on a rule file.</summary>
    public static Task<(int ExitCode, string Output)> CheckRulesAsync(string path) => RunAsync(["check", "rules", path], null);

    /// <summary><c>promtool test rules</c> on a rule unit-test file.</summary>
    public static Task<(int ExitCode, string Output)> TestRulesAsync(string path) => RunAsync(["test", "rules", path], null);

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, string? stdin)
    {
        var start = new ProcessStartInfo("promtool")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }
}
