using System.Diagnostics;
using System.Text;

namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>
/// The built sample (samples/OpsKit.Sample.CachingProxy/bin/…) as a separate process running as user <c>nobody</c>
/// (through setpriv, as <see cref="NobodyProcess"/> does) when the tests run as root, because root ignores file modes;
/// directly otherwise. The operator's view: the service user, its own cache directory, its real HTTP endpoints.
/// </summary>
internal sealed class NobodySample : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private NobodySample(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Client { get; }

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

    public static string BinDirectory
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpsKit.slnx")))
            {
                root = root.Parent;
            }

            return Path.Combine(root?.FullName ?? throw new InvalidOperationException("OpsKit.slnx not found above the test directory"),
                "samples", "OpsKit.Sample.CachingProxy", "bin", configuration, "net10.0");
        }
    }

    public static async Task<NobodySample> StartAsync(NobodyDirectory directory, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort.Get();
        string[] arguments =
        [
            Path.Combine(BinDirectory, "OpsKit.Sample.CachingProxy.dll"),
            $"--urls=http://127.0.0.1:{port}",
            $"--contentRoot={BinDirectory}",
            "--environment=Production",
            "--OpsKit:Health:ShutdownDelay=00:00:00",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ];
        var environment = new Dictionary<string, string> { ["HOME"] = directory.Home, ["DOTNET_CLI_HOME"] = directory.Home };
        ProcessStartInfo start;
        if (NobodyProcess.SwitchesUser)
        {
            start = new ProcessStartInfo("/usr/bin/setpriv");
            foreach (var argument in (string[])[$"--reuid={NobodyProcess.User}", $"--regid={NobodyProcess.Group}", "--clear-groups", "env"])
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment)
            {
                start.ArgumentList.Add($"{key}={value}");
            }

            start.ArgumentList.Add("dotnet");
        }
        else
        {
            start = new ProcessStartInfo("dotnet");
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.WorkingDirectory = directory.Home;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sample = new NobodySample(process, output, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await Eventually.Until(
                async () => !process.HasExited && await sample.LiveAsync() == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                "the sample running as nobody answers /health/live");
            return sample;
        }
        catch (Exception ex)
        {
            await sample.DisposeAsync();
            throw new InvalidOperationException("the sample did not start: " + sample.Output, ex);
        }
    }

    public async Task<HttpStatusCode> LiveAsync() => await StatusAsync("/health/live");

    public async Task<HttpStatusCode> StatusAsync(string path)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    public async Task<JsonElement> HealthAsync()
    {
        using var response = await Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(wait.Token);
        _process.Dispose();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
