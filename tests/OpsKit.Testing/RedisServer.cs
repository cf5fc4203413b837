using System.Diagnostics;
using System.Globalization;
using OpsKit.Testing.Internal;
using StackExchange.Redis;

namespace OpsKit.Testing;

/// <summary>
/// A private redis-server (a plain child process, nothing persisted) on a random 127.0.0.1 port in
/// <c>$OPSKIT_FIXTURE_ROOT/redis-&lt;random&gt;</c>, with fault injection (stop, kill, freeze). Not thread-safe:
/// one test drives one server's lifecycle.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly RedisServerOptions _options;
    private Process? _process;
    private ConnectionMultiplexer? _admin;
    private bool _disposed;

    private RedisServer(RedisServerOptions options, string rootDirectory)
    {
        _options = options;
        RootDirectory = rootDirectory;
    }

    /// <summary>The fixture directory (<c>&lt;root&gt;/redis-&lt;random&gt;</c>) holding <c>redis.pid</c> and <c>redis.log</c>. Deleted on dispose.</summary>
    public string RootDirectory { get; }

    /// <summary>The server log.</summary>
    public string LogFile => Path.Combine(RootDirectory, "redis.log");

    /// <summary>Always <c>127.0.0.1</c>: the server listens on loopback only.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port; stays the same across stop, kill and start again.</summary>
    public int Port { get; private set; }

    /// <summary>The redis-server process id, or null while the server is stopped.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>True between <see cref="FreezeAsync"/> and <see cref="ThawAsync"/>.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>StackExchange.Redis configuration string: <c>127.0.0.1:PORT</c>.</summary>
    public string ConnectionString => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Creates client options for this server with <c>AbortOnConnectFail = false</c>, so clients survive the server being down.</summary>
    /// <param name="connectTimeout">The connect timeout; null keeps StackExchange.Redis's default (5 s).</param>
    /// <returns>New options the caller may change further.</returns>
    public ConfigurationOptions Configuration(TimeSpan? connectTimeout = null)
    {
        var options = new ConfigurationOptions { AbortOnConnectFail = false };
        options.EndPoints.Add(Host, Port);
        if (connectTimeout is { } timeout)
        {
            options.ConnectTimeout = (int)timeout.TotalMilliseconds;
        }

        return options;
    }

    /// <summary>Starts a private redis-server and waits until it answers PING (about 0.1 s).</summary>
    /// <param name="options">Server settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it and delete its files.</returns>
    public static async Task<RedisServer> StartAsync(RedisServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(options ?? new RedisServerOptions(), FixtureDirectory.Create("redis", Mode0700));
        try
        {
            // The free port is only free at the moment it was probed; another process may grab it before the bind.
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreePort.Get();
                try
                {
                    await server.StartAgainAsync(cancellationToken).ConfigureAwait(false);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3 && server.LogContains("Address already in use"))
                {
                    File.Delete(server.LogFile);
                }
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server with SIGTERM (thawing it first) and waits for it to exit; nothing is saved.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the process has exited.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is null)
        {
            return;
        }

        await ThawAsync().ConfigureAwait(false);
        Signals.Send(_process.Id, Signals.Terminate);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await ForgetProcessAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the stopped or killed server again on the same port (empty: nothing was persisted).</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the server answers PING.</returns>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The server is already running.");
        }

        var start = new ProcessStartInfo(_options.ServerPath) { UseShellExecute = false };
        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{_options.ServerPath}'.");
        _admin = await ConnectAdminAsync(_process, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops (SIGTERM) and starts the server again on the same port.</summary>
    /// <param name="cancellationToken">Cancels the restart.</param>
    /// <returns>A task that completes when the server answers PING again.</returns>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        await StartAgainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILLs the server and waits until it is gone.</summary>
    /// <returns>A task that completes when the process has exited.</returns>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill();
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        IsFrozen = false;
        await ForgetProcessAsync().ConfigureAwait(false);
    }

    /// <summary>SIGSTOPs the server: connections stay open but nothing is answered until <see cref="ThawAsync"/>.</summary>
    /// <returns>A task that completes when the process is stopped.</returns>
    public async Task FreezeAsync()
    {
        if (_process is null)
        {
            throw new InvalidOperationException("The server is not running.");
        }

        var pid = _process.Id;
        Signals.Send(pid, Signals.Stop);
        IsFrozen = true;
        await Wait.UntilAsync(() => ProcessTable.IsStopped(pid), _options.Timeout, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>SIGCONTs a frozen server. Does nothing when not frozen.</summary>
    /// <returns>A completed task.</returns>
    public Task ThawAsync()
    {
        if (IsFrozen && _process is not null)
        {
            Signals.Send(_process.Id, Signals.Continue);
        }

        IsFrozen = false;
        return Task.CompletedTask;
    }

    /// <summary>Runs a command through the fixture's own admin connection (<c>allowAdmin=true</c>), e.g. <c>CONFIG SET</c>, <c>CLIENT KILL</c>, <c>DEBUG SLEEP</c>.</summary>
    /// <param name="command">The command name.</param>
    /// <param name="args">Its arguments.</param>
    /// <returns>The server's reply.</returns>
    /// <exception cref="InvalidOperationException">The server is stopped.</exception>
    public Task<RedisResult> ExecuteAsync(string command, params object[] args)
    {
        var admin = _admin ?? throw new InvalidOperationException("The server is not running.");
        return admin.GetDatabase().ExecuteAsync(command, args);
    }

    /// <summary>Kills the server (thawing it first), waits for it to exit, and deletes <see cref="RootDirectory"/>.</summary>
    /// <returns>A task that completes when the process is gone and the files deleted.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await ThawAsync().ConfigureAwait(false);
        await KillAsync().ConfigureAwait(false);
        await FixtureDirectory.DeleteAsync(RootDirectory).ConfigureAwait(false);
    }

    private IEnumerable<string> Arguments()
    {
        string[] fixedArguments =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--bind", Host,
            "--save", string.Empty,
            "--appendonly", "no",
            "--daemonize", "no",
            "--dir", RootDirectory,
            "--pidfile", Path.Combine(RootDirectory, "redis.pid"),
            "--logfile", LogFile,
        ];
        return fixedArguments.Concat(_options.Settings.SelectMany(s => new[] { "--" + s.Key, s.Value }));
    }

    private async Task<ConnectionMultiplexer> ConnectAdminAsync(Process process, CancellationToken cancellationToken)
    {
        var options = Configuration(TimeSpan.FromMilliseconds(500));
        options.AbortOnConnectFail = true;
        options.AllowAdmin = true;
        if (_options.Settings.TryGetValue("requirepass", out var password))
        {
            options.Password = password;
        }
        var deadline = DateTime.UtcNow + _options.Timeout;
        while (true)
        {
            if (process.HasExited)
            {
                await ForgetProcessAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"redis-server exited with {process.ExitCode} while starting on port {Port}.\nlog ({LogFile}):\n{FixtureDirectory.Tail(LogFile)}");
            }

            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
                try
                {
                    await connection.GetDatabase().PingAsync().ConfigureAwait(false);
                    return connection;
                }
                catch (Exception exception) when (IsNotReady(exception))
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
            catch (Exception exception) when (IsNotReady(exception) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsNotReady(exception))
            {
                throw new InvalidOperationException(
                    $"redis-server on port {Port} did not answer PING within {_options.Timeout.TotalSeconds:0.#} s.\nlog ({LogFile}):\n{FixtureDirectory.Tail(LogFile)}",
                    exception);
            }
        }
    }

    private static bool IsNotReady(Exception exception) => exception is RedisException or TimeoutException;

    private async Task ForgetProcessAsync()
    {
        // The server is gone, so closing the admin connection cannot wait on it.
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
            _admin = null;
        }

        _process?.Dispose();
        _process = null;
    }

    private bool LogContains(string text)
    {
        try
        {
            return File.Exists(LogFile) && File.ReadAllText(LogFile).Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
