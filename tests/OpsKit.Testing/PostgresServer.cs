using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using OpsKit.Testing.Internal;

namespace OpsKit.Testing;

/// <summary>
/// A private PostgreSQL cluster on a random 127.0.0.1 port in <c>$OPSKIT_FIXTURE_ROOT/pg-&lt;random&gt;</c>,
/// with a non-superuser application role, and fault injection (stop, kill, freeze). Not thread-safe:
/// one test drives one server's lifecycle.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string RunUser = "/usr/sbin/runuser";
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly PostgresServerOptions _options;
    private readonly string _binDirectory;
    private IReadOnlyList<int> _frozen = [];
    private bool _disposed;

    private static readonly ConcurrentDictionary<string, Lazy<Task<PostgresServer>>> Templates = new(StringComparer.Ordinal);

    private PostgresServer(PostgresServerOptions options, string binDirectory, string rootDirectory, string appPassword)
    {
        _options = options;
        _binDirectory = binDirectory;
        RootDirectory = rootDirectory;
        AppPassword = appPassword;
    }

    /// <summary>The fixture directory (<c>&lt;root&gt;/pg-&lt;random&gt;</c>); also the unix socket directory. Deleted on dispose.</summary>
    public string RootDirectory { get; }

    /// <summary>The cluster's data directory (<c>RootDirectory/data</c>).</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The server log written by pg_ctl.</summary>
    public string LogFile => Path.Combine(RootDirectory, "server.log");

    /// <summary>Always <c>127.0.0.1</c>: the server listens on loopback only.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port; stays the same across stop, kill and start again.</summary>
    public int Port { get; private set; }

    /// <summary>The postmaster's process id, or null while the server is stopped.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>True between <see cref="FreezeAsync"/> and <see cref="ThawAsync"/>.</summary>
    public bool IsFrozen => _frozen.Count > 0;

    /// <summary>The application role: LOGIN, not superuser, password required (scram-sha-256).</summary>
    public string AppUser => "opskit_app";

    /// <summary>The application role's password: random per test process (servers are copies of one template), hex, never contains <c>;</c> or quotes.</summary>
    public string AppPassword { get; }

    /// <summary>The application database, owned by <see cref="AppUser"/>.</summary>
    public string AppDatabase => "opskit_app";

    /// <summary>Npgsql connection string for <see cref="AppUser"/> on <see cref="AppDatabase"/>; pooling settings are left at Npgsql's defaults.</summary>
    public string AppConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = AppUser,
        Password = AppPassword,
        Database = AppDatabase,
    }.ConnectionString;

    /// <summary>
    /// Npgsql connection string for the <c>postgres</c> superuser (trusted on 127.0.0.1) on the <c>postgres</c> database.
    /// Pooling is off so every admin connection is a real backend and none goes stale across restarts.
    /// </summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = Superuser,
        Database = "postgres",
        Pooling = false,
    }.ConnectionString;

    /// <summary>
    /// Creates and starts a private cluster. The first call in a process runs initdb and creates the app role and
    /// database in a template cluster (about 1 s); every server is then a copy of that template (about 0.2 s),
    /// so all servers of one test process share the app password.
    /// </summary>
    /// <param name="options">Server settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it and delete its files.</returns>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresServerOptions();
        var bin = options.BinDirectory ?? FindBinDirectory();
        var template = await Templates.GetOrAdd(bin, b => new Lazy<Task<PostgresServer>>(() => CreateTemplateAsync(b))).Value
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var server = new PostgresServer(options, bin, FixtureDirectory.Create("pg", Mode0700), template.AppPassword);
        try
        {
            await server.CopyFromAsync(template, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server with <c>pg_ctl stop -m fast</c> (thaws it first when frozen).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the server has exited.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await ThawAsync().ConfigureAwait(false);
        await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", TimeoutSeconds], cancellationToken).ConfigureAwait(false);
        await WaitForPostmasterExitAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the stopped or killed server again on the same port with the same data.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the server accepts connections.</returns>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        await PgCtlAsync(["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", TimeoutSeconds], cancellationToken).ConfigureAwait(false);
        ProcessId = ReadPostmasterPid();
    }

    /// <summary>Stops (<c>-m fast</c>) and starts the server again on the same port.</summary>
    /// <param name="cancellationToken">Cancels the restart.</param>
    /// <returns>A task that completes when the server accepts connections again.</returns>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        await StartAgainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SIGKILLs the postmaster and every backend, waits until they are gone, and removes the stale lock
    /// files so that <see cref="StartAgainAsync"/> works (crash recovery runs on the next start).
    /// </summary>
    /// <returns>A task that completes when no server process is left.</returns>
    public async Task KillAsync()
    {
        if (ProcessId is not { } pid)
        {
            return;
        }

        // Stop the postmaster first so it cannot fork while the tree is read, then kill the whole tree.
        Signals.Send(pid, Signals.Stop);
        await Wait.UntilAsync(() => ProcessTable.IsStopped(pid) || !ProcessTable.IsAlive(pid), _options.Timeout, CancellationToken.None).ConfigureAwait(false);
        var tree = ProcessTable.Descendants(pid).Append(pid).ToList();
        foreach (var process in tree)
        {
            Signals.Send(process, Signals.Kill);
        }

        _frozen = [];
        ProcessId = null;
        if (!await Wait.UntilGoneAsync(tree, _options.Timeout).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"PostgreSQL processes {string.Join(", ", tree)} survived SIGKILL.");
        }

        // A killed process may linger as a zombie until init reaps it; PostgreSQL treats a pid that
        // kill(pid, 0) still finds as a running postmaster, so remove the lock files ourselves.
        File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        File.Delete(Path.Combine(RootDirectory, $".s.PGSQL.{Port.ToString(CultureInfo.InvariantCulture)}.lock"));
    }

    /// <summary>
    /// SIGSTOPs the postmaster and all its child processes (backends are separate processes, so freezing
    /// only the postmaster would leave open connections answering). New connections and queries on open
    /// connections hang until <see cref="ThawAsync"/>.
    /// </summary>
    /// <returns>A task that completes when every server process is stopped.</returns>
    public async Task FreezeAsync()
    {
        if (ProcessId is not { } pid)
        {
            throw new InvalidOperationException("The server is not running.");
        }

        if (IsFrozen)
        {
            return;
        }

        Signals.Send(pid, Signals.Stop);
        var frozen = new List<int> { pid };
        _frozen = frozen;
        await Wait.UntilAsync(() => ProcessTable.IsStopped(pid), _options.Timeout, CancellationToken.None).ConfigureAwait(false);
        foreach (var child in ProcessTable.Descendants(pid))
        {
            Signals.Send(child, Signals.Stop);
            frozen.Add(child);
        }

        await Wait.UntilAsync(() => frozen.All(p => ProcessTable.IsStopped(p) || !ProcessTable.IsAlive(p)), _options.Timeout, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>SIGCONTs every process frozen by <see cref="FreezeAsync"/>. Does nothing when not frozen.</summary>
    /// <returns>A completed task.</returns>
    public Task ThawAsync()
    {
        foreach (var pid in _frozen.Reverse())
        {
            Signals.Send(pid, Signals.Continue);
        }

        _frozen = [];
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="sql"/> as the superuser on the <c>postgres</c> database.</summary>
    /// <param name="sql">One or more statements.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>A task that completes when the statements have run.</returns>
    public async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAdminConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="sql"/> as the superuser and returns the first column of the first row.</summary>
    /// <typeparam name="T">The column's CLR type as Npgsql returns it (e.g. <c>long</c> for <c>count(*)</c>).</typeparam>
    /// <param name="sql">A query.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The value, or <c>default</c> for SQL NULL or no rows.</returns>
    public async Task<T?> QueryScalarAdminAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAdminConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return value is null or DBNull ? default : (T)value;
            }
        }
    }

    /// <summary>Opens an unpooled superuser connection, e.g. to hold a connection slot or a lock from outside the code under test.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection the caller disposes.</returns>
    public async Task<NpgsqlConnection> OpenAdminConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(AdminConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Grants <c>pg_read_all_stats</c> to <see cref="AppUser"/> (lets it see other sessions in <c>pg_stat_activity</c>).</summary>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>A task that completes when the grant is done.</returns>
    public Task GrantReadAllStatsAsync(CancellationToken cancellationToken = default) =>
        ExecuteAdminAsync($"GRANT pg_read_all_stats TO {AppUser}", cancellationToken);

    /// <summary>Clears Npgsql's pools, stops the server with <c>-m immediate</c> (thawing it first), and deletes <see cref="RootDirectory"/>.</summary>
    /// <returns>A task that completes when the processes are gone and the files deleted.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        await ThawAsync().ConfigureAwait(false);
        if (ProcessId is not null)
        {
            try
            {
                await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", TimeoutSeconds], CancellationToken.None).ConfigureAwait(false);
                await WaitForPostmasterExitAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                await KillAsync().ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await KillAsync().ConfigureAwait(false);
            }
        }

        await FixtureDirectory.DeleteAsync(RootDirectory).ConfigureAwait(false);
    }

    private async Task WaitForPostmasterExitAsync()
    {
        // pg_ctl -w returns once postmaster.pid is gone, but the postmaster unlinks it in its exit hooks, just before
        // it really exits: on a loaded machine it can still be alive when pg_ctl (and so this method's caller) returns.
        if (ProcessId is { } pid && !await Wait.UntilGoneAsync([pid], _options.Timeout).ConfigureAwait(false))
        {
            throw new TimeoutException($"The PostgreSQL postmaster {pid} was still alive {_options.Timeout.TotalSeconds:0.#} s after pg_ctl stop.");
        }

        ProcessId = null;
    }

    private string TimeoutSeconds => ((int)Math.Ceiling(_options.Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static async Task<PostgresServer> CreateTemplateAsync(string binDirectory)
    {
        var password = "pw" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var template = new PostgresServer(new PostgresServerOptions(), binDirectory, FixtureDirectory.Create("pg", Mode0700), password);
        try
        {
            await template.InitializeAsync(CancellationToken.None).ConfigureAwait(false);

            // A clean shutdown, so copies start without crash recovery.
            await template.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await template.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // The template is stopped, so only its files remain; build.sh removes them if this process dies first.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                FixtureDirectory.Delete(template.RootDirectory);
            }
            catch (IOException)
            {
                // Never fail the exit of the test host over a temp directory; build.sh removes leftovers.
            }
        };
        return template;
    }

    private async Task CopyFromAsync(PostgresServer template, CancellationToken cancellationToken)
    {
        await ChownToPostgresAsync(cancellationToken).ConfigureAwait(false);

        // cp -a keeps the postgres owner and the 0700 mode PostgreSQL insists on.
        await RunCheckedAsync("cp", ["-a", "--", template.DataDirectory, DataDirectory], cancellationToken).ConfigureAwait(false);
        await ConfigureAndStartAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ChownToPostgresAsync(CancellationToken cancellationToken)
    {
        if (Environment.IsPrivilegedProcess)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres OS user.
            await RunCheckedAsync("chown", [$"{Superuser}:{Superuser}", RootDirectory], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await ChownToPostgresAsync(cancellationToken).ConfigureAwait(false);
        await RunPostgresToolAsync(
            "initdb",
            ["-D", DataDirectory, "-U", Superuser, "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
            cancellationToken).ConfigureAwait(false);

        // The superuser is trusted on loopback (the fixture's own door); everyone else must prove their password.
        await File.WriteAllTextAsync(
            Path.Combine(DataDirectory, "pg_hba.conf"),
            """
            local all all                trust
            host  all postgres 127.0.0.1/32 trust
            host  all all      127.0.0.1/32 scram-sha-256
            """,
            cancellationToken).ConfigureAwait(false);

        await ConfigureAndStartAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAdminAsync(
            $"CREATE ROLE {AppUser} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{AppPassword}'",
            cancellationToken).ConfigureAwait(false);

        // CREATE DATABASE refuses to run inside a multi-statement batch.
        await ExecuteAdminAsync($"CREATE DATABASE {AppDatabase} OWNER {AppUser}", cancellationToken).ConfigureAwait(false);
    }

    private async Task ConfigureAndStartAsync(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = Host,
            ["unix_socket_directories"] = RootDirectory,
            ["fsync"] = "off",
            ["synchronous_commit"] = "off",
            ["full_page_writes"] = "off",
            ["max_connections"] = _options.MaxConnections.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in _options.Settings)
        {
            settings[name] = value;
        }

        await AppendSettingsAsync(settings, cancellationToken).ConfigureAwait(false);
        await StartOnFreePortAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        // The free port is only free at the moment it was probed; another process may grab it before the bind.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Get();
            await AppendSettingsAsync(
                new Dictionary<string, string>(StringComparer.Ordinal) { ["port"] = Port.ToString(CultureInfo.InvariantCulture) },
                cancellationToken).ConfigureAwait(false);
            try
            {
                await StartAgainAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && LogSays("could not bind"))
            {
                File.Delete(LogFile);
            }
        }
    }

    private bool LogSays(string text)
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

    private Task AppendSettingsAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        // Later lines win in postgresql.conf, so appending overrides initdb's defaults and earlier ports.
        var lines = settings.Select(s => $"{s.Key} = '{s.Value.Replace("'", "''", StringComparison.Ordinal)}'");
        return File.AppendAllLinesAsync(Path.Combine(DataDirectory, "postgresql.conf"), lines, cancellationToken);
    }

    private Task<ProcessResult> PgCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunPostgresToolAsync("pg_ctl", arguments, cancellationToken);

    private Task<ProcessResult> RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        return Environment.IsPrivilegedProcess
            ? RunCheckedAsync(RunUser, ["-u", Superuser, "--", path, .. arguments], cancellationToken)
            : RunCheckedAsync(path, arguments, cancellationToken);
    }

    private async Task<ProcessResult> RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        // pg_ctl waits up to its own -t; give the process a little longer before killing it.
        var result = await ProcessRunner.RunAsync(
            fileName, arguments, _options.Timeout + TimeSpan.FromSeconds(10), cancellationToken, workingDirectory: RootDirectory).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"'{ProcessRunner.Describe(fileName, arguments)}' exited with {result.ExitCode}.\n" +
                $"stdout: {result.StandardOutput}\nstderr: {result.StandardError}\n" +
                $"server log ({LogFile}):\n{FixtureDirectory.Tail(LogFile)}");
        }

        return result;
    }

    private int ReadPostmasterPid()
    {
        var first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First();
        return int.Parse(first, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Bin, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException($"No PostgreSQL server binaries under {root}/*/bin; install postgresql-15 or set PostgresServerOptions.BinDirectory.");
    }
}
