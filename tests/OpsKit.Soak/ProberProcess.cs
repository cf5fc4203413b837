using System.Diagnostics;

namespace OpsKit.Soak;

/// <summary>
/// The probe storm in a process of its own (this program with the argument <c>probe-storm</c>), so that what the soak
/// does between probes (closing a pool of connections, reading <c>/proc</c>, its own garbage collections) never delays a
/// probe or its timing. Each <see cref="TakeWindowAsync"/> asks it for the window since the previous one.
/// </summary>
internal sealed class ProberProcess : IAsyncDisposable
{
    public const string Argument = "probe-storm";
    private readonly Process _process;

    private ProberProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public static ProberProcess Start(Uri address, int probesPerSecond)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ProberProcess).Assembly.Location);
        }

        foreach (var argument in (string[])[Argument, address.ToString(), probesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        return new ProberProcess(Process.Start(start) ?? throw new InvalidOperationException("the prober did not start"));
    }

    public async Task<ProbeWindow> TakeWindowAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync("take").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the prober exited");
        return ProbeWindow.Parse(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("stop").ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }

    /// <summary>The prober's side: storms <paramref name="address"/> and answers "take" with a window, until "stop".</summary>
    public static async Task<int> RunAsync(Uri address, int probesPerSecond)
    {
        // The instrument's own collections must not show up as probe time: no blocking gen2 collections while it runs.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        await using var storm = new ProbeStorm(address, probesPerSecond);
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } command && command != "stop")
        {
            await Console.Out.WriteLineAsync(storm.TakeProbeWindow().ToLine()).ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
