using System.Diagnostics;
using System.Text;

namespace OpsKit.Packaging.Tests;

/// <summary>The exit code and the interleaved stdout/stderr of one <c>dotnet</c> run.</summary>
internal sealed record DotnetRun(int ExitCode, string Output, TimeSpan Duration);

/// <summary>Runs the <c>dotnet</c> CLI as a child process with an environment cleaned of the test host's MSBuild and NuGet overrides.</summary>
internal static class DotnetCli
{
    public static async Task<DotnetRun> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // dotnet test / VSTest put MSBuild paths into the test host's environment, and NUGET_PACKAGES would override the
        // consumer's isolated globalPackagesFolder; neither may reach the child build.
        foreach (var name in startInfo.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.Equals("NUGET_PACKAGES", StringComparison.OrdinalIgnoreCase)
                || name.Equals("NUGET_FALLBACK_PACKAGES", StringComparison.OrdinalIgnoreCase))
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            string partial;
            lock (output)
            {
                partial = output.ToString();
            }

            throw new Xunit.Sdk.XunitException(
                $"'dotnet {string.Join(' ', arguments)}' did not finish within {timeout} and was killed. Output so far:{Environment.NewLine}{Tail(partial, 80)}");
        }

        lock (output)
        {
            return new DotnetRun(process.ExitCode, output.ToString(), stopwatch.Elapsed);
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of <paramref name="text"/>, for failure messages.</summary>
    public static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static string DotnetExecutable()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
    }
}
