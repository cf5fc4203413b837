using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace OpsKit.Testing;

/// <summary>
/// A built sample (<c>samples/&lt;name&gt;/bin/&lt;configuration&gt;/net10.0</c>) run as a separate process, as an operator
/// runs it: to completion (validate-only, a failing start) or serving on a free 127.0.0.1 port. The <c>AsNobody</c>
/// variants run it as <see cref="NobodyProcess.User"/> when the tests run as root, because root ignores file modes.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
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
    public static string BinDirectory(string sample)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpsKit.slnx")))
        {
            root = root.Parent;
        }

        return Path.Combine(
            root?.FullName ?? throw new InvalidOperationException("OpsKit.slnx not found above the test directory"),
            "samples", sample, "bin", configuration, "net10.0");
    }

    /// <summary>
    /// Runs the sample as the current user in its build directory until it exits (60 s at most), in the Production
    /// environment with <paramref name="environment"/> added; returns the exit code and stdout + stderr.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string sample, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var directory = BinDirectory(sample);
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

        // Port 0, and the port is read from the process's own listening socket: a port chosen beforehand stays free only
        // until the next server binds port 0, and a cold start of a few seconds left time for another test's host (which
        // also answers /health/live) to take it.
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
        SampleProcess? running = null;
        try
        {
            // setpriv and env exec the next program, so the process id is the sample's own.
            var port = 0;
            await Eventually.Until(
                () => !process.HasExited && (port = ListeningPort(process.Id)) != 0,
                TimeSpan.FromSeconds(30),
                $"{sample} listens on 127.0.0.1").ConfigureAwait(false);
            running = new SampleProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
            await Eventually.Until(
                async () => !process.HasExited && await running.StatusAsync("/health/live").ConfigureAwait(false) == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                $"{sample} answers /health/live").ConfigureAwait(false);
            return running;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            if (running is not null)
            {
                await running.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await StopAsync(process).ConfigureAwait(false);
            }

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
        await StopAsync(_process).ConfigureAwait(false);
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        process.Dispose();
    }

    /// <summary>The port of a TCP socket of process <paramref name="pid"/> listening on 127.0.0.1, or 0 while there is none.</summary>
    private static int ListeningPort(int pid)
    {
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd"))
            {
                // "socket:[inode]"
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    sockets.Add(target["socket:[".Length..^1]);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0; // not started yet, or gone
        }

        // /proc/net/tcp: "sl local_address rem_address st ... inode"; 0100007F is 127.0.0.1, state 0A is LISTEN.
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && fields[3] == "0A" && sockets.Contains(fields[9])
                && fields[1].StartsWith("0100007F:", StringComparison.Ordinal))
            {
                return int.Parse(fields[1]["0100007F:".Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

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
