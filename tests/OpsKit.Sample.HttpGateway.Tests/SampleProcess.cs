using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using OpsKit.Testing;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>
/// Runs the built sample as a separate process, as an operator would: as <c>nobody</c> when the tests run as root
/// (root ignores file modes), directly otherwise. Its working directory (the content root) is a directory the test
/// owns, holding a copy of the sample's appsettings.json that the test may edit.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static string Directory
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
                "samples", "OpsKit.Sample.HttpGateway", "bin", configuration, "net10.0");
        }
    }

    public static string Dll => Path.Combine(Directory, "OpsKit.Sample.HttpGateway.dll");

    /// <summary>Writes the sample's appsettings.json into <paramref name="contentRoot"/>, changed by <paramref name="edit"/>.</summary>
    public static void WriteAppSettings(string contentRoot, Action<JsonNode>? edit = null)
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "appsettings.json")))!;
        edit?.Invoke(settings);
        File.WriteAllText(Path.Combine(contentRoot, "appsettings.json"), settings.ToJsonString());
    }

    /// <summary>Runs the sample to completion (e.g. with <c>--opskit-validate</c>) in <paramref name="contentRoot"/>.</summary>
    public static Task<ProcessResult> RunAsync(string contentRoot, params string[] args) =>
        NobodyProcess.RunAsync(contentRoot, "dotnet", [Dll, .. args], TimeSpan.FromSeconds(60), Environment());

    /// <summary>Starts the sample serving on a free 127.0.0.1 port and waits until it answers <c>/health/live</c>.</summary>
    public static async Task<SampleProcess> StartAsync(string contentRoot, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort.Get();
        string[] args = [Dll, $"--urls=http://127.0.0.1:{port}", .. settings.Select(s => $"--{s.Key}={s.Value}")];
        var variables = Environment();
        variables["HOME"] = contentRoot;
        variables["DOTNET_CLI_HOME"] = contentRoot;
        ProcessStartInfo start;
        if (NobodyProcess.SwitchesUser)
        {
            start = new ProcessStartInfo("/usr/bin/setpriv");
            foreach (var arg in (string[])[$"--reuid={NobodyProcess.User}", $"--regid={NobodyProcess.Group}", "--clear-groups", "env"])
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in variables)
            {
                start.ArgumentList.Add($"{key}={value}");
            }

            start.ArgumentList.Add("dotnet");
        }
        else
        {
            start = new ProcessStartInfo("dotnet");
            foreach (var (key, value) in variables)
            {
                start.Environment[key] = value;
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.WorkingDirectory = contentRoot;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var sample = new SampleProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.Until(
                async () => !process.HasExited && (await sample.Client.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode,
                TimeSpan.FromSeconds(30),
                "the sample process answers /health/live");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var output = sample.Output;
            await sample.DisposeAsync();
            throw new InvalidOperationException("the sample process did not start: " + output, exception);
        }

        return sample;
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
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["DOTNET_NOLOGO"] = "1",
    };

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
