using OpsKit.Testing.Internal;

namespace OpsKit.Testing;

/// <summary>
/// Runs a command as user <c>nobody</c> (group <c>nogroup</c>, no supplementary groups) when the tests run as root,
/// because root ignores file modes; runs it directly otherwise.
/// </summary>
public static class NobodyProcess
{
    /// <summary>The user the command runs as when the tests run as root.</summary>
    public const string User = "nobody";

    /// <summary>The group the command runs as when the tests run as root.</summary>
    public const string Group = "nogroup";

    private const string SetPriv = "/usr/bin/setpriv";

    /// <summary>True when commands really switch to <see cref="User"/> (the test process is root).</summary>
    public static bool SwitchesUser => Environment.IsPrivilegedProcess;

    /// <summary>
    /// Runs <paramref name="fileName"/> with <c>HOME</c> and <c>DOTNET_CLI_HOME</c> set to <paramref name="homeDirectory"/>,
    /// in that directory, and returns its exit code and output. The process tree is killed on timeout.
    /// </summary>
    /// <param name="homeDirectory">A directory the command can write, e.g. <see cref="NobodyDirectory.Home"/>.</param>
    /// <param name="fileName">The program (looked up in PATH).</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run; default 30 s.</param>
    /// <param name="environment">Extra environment variables; default none.</param>
    /// <param name="cancellationToken">Cancels the run and kills the process.</param>
    /// <returns>Exit code, stdout and stderr.</returns>
    /// <exception cref="TimeoutException">The command ran longer than <paramref name="timeout"/> and was killed.</exception>
    public static Task<ProcessResult> RunAsync(
        string homeDirectory,
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = homeDirectory,
            ["DOTNET_CLI_HOME"] = homeDirectory,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var limit = timeout ?? TimeSpan.FromSeconds(30);
        if (!SwitchesUser)
        {
            return ProcessRunner.RunAsync(fileName, arguments, limit, cancellationToken, variables, homeDirectory);
        }

        // env after the switch, so the variables are set exactly as given whatever setpriv keeps.
        string[] prefix = [$"--reuid={User}", $"--regid={Group}", "--clear-groups", "env"];
        var commandLine = prefix
            .Concat(variables.Select(v => $"{v.Key}={v.Value}"))
            .Append(fileName)
            .Concat(arguments);
        return ProcessRunner.RunAsync(SetPriv, commandLine, limit, cancellationToken, workingDirectory: homeDirectory);
    }
}
