using System.Diagnostics;

namespace OpsKit.Sample.Worker.Tests;

/// <summary>The sample run as its own process, stopped by SIGTERM as Kubernetes stops a pod.</summary>
public sealed class ShutdownTests(ITestOutputHelper output)
{
    private const string Sample = "OpsKit.Sample.Worker";

    [Fact]
    public async Task SIGTERM_closes_the_readiness_port_before_the_process_exits_while_liveness_stays_open()
    {
        var ports = WorkerPorts.Free();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = SampleProcess.BinDirectory(Sample), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Sample + ".dll");
        foreach (var argument in ports.Arguments(redis: null))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => output.WriteLine(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => output.WriteLine(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = ports.HttpAddress };
            await Eventually.Until(() => ProbePort.AcceptsAsync(ports.Ready), FaultClock.ProcessStartSlack * 3, "the worker's readiness port opens");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready")).StatusCode);

            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await Eventually.Until(async () => !await ProbePort.AcceptsAsync(ports.Ready), TimeSpan.FromSeconds(10), "the readiness port closes");
            var readyClosed = clock.Elapsed;
            Assert.False(process.HasExited, $"the process exited before the readiness port was seen closed ({readyClosed.TotalMilliseconds:F0} ms)");
            Assert.True(await ProbePort.AcceptsAsync(ports.Live), "liveness stays open during the shutdown delay");
            var response = await client.GetAsync("health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("\"reason\":\"stopping\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            output.WriteLine($"readiness port closed {readyClosed.TotalMilliseconds:F0} ms after SIGTERM, process exited after {clock.Elapsed.TotalMilliseconds:F0} ms (code {process.ExitCode})");
            Assert.True(readyClosed < clock.Elapsed);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
