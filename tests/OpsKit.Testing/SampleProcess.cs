using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OpsKit.Testing;

/// <summary>
/// A built sample (<c>samples/&lt;name&gt;/bin/&lt;configuration&gt;/net10.0</c>) run as a separate process, as an operator
/// runs it: to completion (validate-only, a failing start) or serving on a free 127.0.0.1 port. The <c>AsNobody</c>
/// variants run it as <see cref="NobodyProcess.User"/> when the tests run as root, because root ignores file modes.
/// </summary>
public sealed partial class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private SampleProcess(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where the sample listens.</summary>
    public Uri Address { get; }

    /// <summary>The sample's process id (the <c>dotnet</c> host; <c>setpriv</c> and <c>env</c> exec into it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>A client for <see cref="Address"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>Everything the sample wrote to stdout and stderr so far.</summary>
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

    /// <summary>The build output of sample <paramref name="sample"/> (e.g. <c>OpsKit.Sample.Api</c>), in the tests' configuration.</summary>
    public static string BinDirectory(string sample) => BinDirectory("samples", sample);

    /// <summary>The build output of project <paramref name="project"/> under <paramref name="folder"/> (<c>samples</c>, <c>tests</c>).</summary>
    public static string BinDirectory(string folder, string project)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpsKit.slnx")))
        {
            root = root.Parent;
        }

        return Path.Combine(
            root?.FullName ?? throw new InvalidOperationException("OpsKit.slnx not found above the test directory"),
            folder, project, "bin", configuration, "net10.0");
    }

    /// <summary>
    /// Runs the sample as the current user in its build directory until it exits (60 s at most), in the Production
    /// environment with <paramref name="environment"/> added; returns the exit code and stdout + stderr.
    /// </summary>
    public static Task<(int ExitCode, string Output)> RunAsync(
        string sample, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(BinDirectory(sample), sample, environment, args);

    /// <summary>
    /// Runs app <paramref name="project"/> built into <paramref name="directory"/> the way <see cref="RunAsync(string, IReadOnlyDictionary{string, string}, string[])"/>
    /// runs a sample (for apps that live under <c>tests/</c>; see <see cref="BinDirectory(string, string)"/>).
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string directory, string project, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var sample = project;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(directory, sample + ".dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in ProductionEnvironment())
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{sample} did not exit within {RunTimeout.TotalSeconds} s: "
                + await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs the sample as nobody (when root) in <paramref name="workingDirectory"/> until it exits.</summary>
    public static Task<ProcessResult> RunAsNobodyAsync(string sample, string workingDirectory, params string[] args) =>
        NobodyProcess.RunAsync(
            workingDirectory, "dotnet", [Path.Combine(BinDirectory(sample), sample + ".dll"), .. args], RunTimeout, ProductionEnvironment());

    /// <summary>
    /// Starts the sample as nobody (when root) in <paramref name="workingDirectory"/>, serving on a free 127.0.0.1 port
    /// with <paramref name="args"/> after the URL, and waits (30 s at most) until it answers <c>/health/live</c>.
    /// </summary>
    public static async Task<SampleProcess> StartAsNobodyAsync(string sample, string workingDirectory, IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // Port 0 and the address Kestrel logs: a port chosen here and released could be taken by another test
        // assembly's server before the sample binds it, and the health poll would then ask the wrong server.
        string[] arguments = [Path.Combine(BinDirectory(sample), sample + ".dll"), "--urls=http://127.0.0.1:0", .. args];
        var environment = ProductionEnvironment();
        environment["HOME"] = workingDirectory;
        environment["DOTNET_CLI_HOME"] = workingDirectory;
        ProcessStartInfo start;
        if (NobodyProcess.SwitchesUser)
        {
            start = new ProcessStartInfo("/usr/bin/setpriv");
            foreach (var arg in (string[])[$"--reuid={NobodyProcess.User}", $"--regid={NobodyProcess.Group}", "--clear-groups", "env"])
            {
                start.ArgumentList.Add(arg);
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

        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Uri address;
        try
        {
            address = await Eventually.Until(
                () => Task.FromResult(process.HasExited ? null : ListeningAddress(output)),
                a => a is not null,
                TimeSpan.FromSeconds(30),
                $"{sample} logs the address it listens on").ConfigureAwait(false) ?? throw new InvalidOperationException("no address");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
            process.Dispose();
            throw new InvalidOperationException($"{sample} did not start: {output}", exception);
        }

        var running = new SampleProcess(process, output, address);
        try
        {
            await Eventually.Until(
                async () => !process.HasExited && await running.StatusAsync("/health/live").ConfigureAwait(false) == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                $"{sample} answers /health/live").ConfigureAwait(false);
            return running;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var text = running.Output;
            await running.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{sample} did not start: {text}", exception);
        }
    }

    /// <summary>GETs <paramref name="path"/>; 0 when the sample does not answer.</summary>
    public async Task<HttpStatusCode> StatusAsync(string path)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        _process.Dispose();
    }

    private static Uri? ListeningAddress(StringBuilder output)
    {
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        var match = ListeningLine().Match(text);
        return match.Success ? new Uri(match.Groups[1].Value + "/") : null;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ListeningLine();

    private static Dictionary<string, string> ProductionEnvironment() => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["DOTNET_NOLOGO"] = "1",
    };

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
