using System.Diagnostics;
using System.Text;

namespace OpsKit.LoadComparison;

/// <summary>
/// One app variant in its own Release process (this assembly with <c>--variant</c>). Disposing closes its stdin, which
/// stops it; a process that does not exit within 15 s is killed.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(string variant, Process process)
    {
        Variant = variant;
        _process = process;
    }

    public string Variant { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public static async Task<AppProcess> StartAsync(string variant, IReadOnlyDictionary<string, string> settings)
    {
        var start = SelfStartInfo();
        start.ArgumentList.Add("--variant");
        start.ArgumentList.Add(variant);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {variant} app.");
        var app = new AppProcess(variant, process);
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var exited = process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(app._listening.Task, exited);
            if (first != app._listening.Task)
            {
                throw new InvalidOperationException($"The {variant} app did not start:\n{app.Output}");
            }

            app.BaseAddress = await app._listening.Task;
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith(LoadApps.ListeningPrefix, StringComparison.Ordinal))
        {
            _listening.TrySetResult(new Uri(line[LoadApps.ListeningPrefix.Length..]));
            return;
        }

        lock (_output)
        {
            // Keep the first lines only: enough to explain a failed start, bounded for a long run.
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static ProcessStartInfo SelfStartInfo()
    {
        // The apphost next to this assembly when there is one; otherwise `dotnet <this>.dll`.
        var assembly = typeof(AppProcess).Assembly.Location;
        var apphost = Path.Combine(AppContext.BaseDirectory, Path.GetFileNameWithoutExtension(assembly));
        if (File.Exists(apphost))
        {
            return new ProcessStartInfo(apphost);
        }

        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet");
        start.ArgumentList.Add(assembly);
        return start;
    }
}
