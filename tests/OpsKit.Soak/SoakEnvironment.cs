using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using OpsKit.Testing;

namespace OpsKit.Soak;

/// <summary>
/// Everything the soak starts: PostgreSQL, Redis, a hangable upstream and the quickstart sample configured against them
/// (environment <c>Soak</c>: its <c>appsettings.Soak.json</c> is written to the sample's working directory).
/// Disposing stops all of it.
/// </summary>
internal sealed class SoakEnvironment : IAsyncDisposable
{
    public const string Sample = "OpsKit.Sample.Api";
    private const int MaxConnections = 20;

    // The disk check fails below (free space at start - 2 GiB); the fault allocates 4 GiB on the same volume.
    private const long DiskMargin = 2L << 30;
    private const long DiskFiller = 4L << 30;

    private readonly List<NpgsqlConnection> _heldConnections = [];

    private SoakEnvironment(PostgresServer postgres, RedisServer redis, HangableUpstream upstream, NobodyDirectory directory)
    {
        Postgres = postgres;
        Redis = redis;
        Upstream = upstream;
        Directory = directory;
    }

    public PostgresServer Postgres { get; }

    public RedisServer Redis { get; }

    public HangableUpstream Upstream { get; }

    public NobodyDirectory Directory { get; }

    public SampleProcess App { get; private set; } = null!;

    private string SettingsFile => Path.Combine(Directory.Path, "appsettings.Soak.json");

    private string FillerFile => Path.Combine(Directory.Path, "filler");

    public static async Task<SoakEnvironment> StartAsync()
    {
        // Configured as production servers should be, so that every check starts Healthy: the app's role may read
        // every session (postgres.transactions), Redis has a memory limit (redis.memory).
        var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { MaxConnections = MaxConnections }).ConfigureAwait(false);
        await postgres.GrantReadAllStatsAsync().ConfigureAwait(false);
        var redisOptions = new RedisServerOptions();
        redisOptions.Settings["maxmemory"] = "64mb";
        var redis = await RedisServer.StartAsync(redisOptions).ConfigureAwait(false);
        var upstream = await HangableUpstream.StartAsync().ConfigureAwait(false);
        var directory = await NobodyDirectory.CreateAsync().ConfigureAwait(false);
        var environment = new SoakEnvironment(postgres, redis, upstream, directory);
        await environment.LowerServerPriorityAsync().ConfigureAwait(false);
        // The sample creates its data directory under the content root (the working directory).
        directory.CreateSubdirectory("data", (UnixFileMode)0b111_111_111);
        await environment.WriteSettingsAsync().ConfigureAwait(false);
        environment.App = await SampleProcess.StartAsNobodyAsync(Sample, directory.Path, ["--environment=Soak"]).ConfigureAwait(false);
        return environment;
    }

    /// <summary>The faults of one cycle; the schedule repeats them in this order.</summary>
    public IReadOnlyList<Fault> Faults() =>
    [
        new("postgres stopped", "postgres", () => Postgres.StopAsync(), () => ThenLowerServerPriorityAsync(Postgres.StartAgainAsync())),
        new("redis stopped", "redis", () => Redis.StopAsync(), () => ThenLowerServerPriorityAsync(Redis.StartAgainAsync())),
        new("upstream hangs", "upstream", () => SetAsync(() => Upstream.Hangs = true), () => SetAsync(() => Upstream.Hangs = false)),
        new("postgres frozen (SIGSTOP)", "postgres", Postgres.FreezeAsync, Postgres.ThawAsync),
        new("redis frozen (SIGSTOP)", "redis", Redis.FreezeAsync, Redis.ThawAsync),
        new("server connections exhausted", "postgres.connections", HoldConnectionsAsync, ReleaseConnectionsAsync),
        new("postgres killed (SIGKILL)", "postgres", Postgres.KillAsync, () => ThenLowerServerPriorityAsync(Postgres.StartAgainAsync())),
        new("redis killed (SIGKILL)", "redis", Redis.KillAsync, () => ThenLowerServerPriorityAsync(Redis.StartAgainAsync())),
        new("disk filled below its free-space threshold", "disk", FillDiskAsync, EmptyDiskAsync),
    ];

    public async ValueTask DisposeAsync()
    {
        await ReleaseConnectionsAsync().ConfigureAwait(false);
        await EmptyDiskAsync().ConfigureAwait(false);
        if (App is not null)
        {
            await App.DisposeAsync().ConfigureAwait(false);
        }

        await Upstream.DisposeAsync().ConfigureAwait(false);
        await Redis.DisposeAsync().ConfigureAwait(false);
        await Postgres.DisposeAsync().ConfigureAwait(false);
        Directory.Dispose();
    }

    // PostgreSQL and Redis share this machine's CPUs with the sample; in production they run on hosts of their own. At
    // nice 10 their crash recovery and start-up work yields to the sample, so a probe time measures the sample rather
    // than the servers' start-up (docs/reliability.md). Every PostgreSQL process: the postmaster's children were forked
    // before the change, later backends inherit it.
    private Task LowerServerPriorityAsync()
    {
        var processes = new List<int>();
        if (Postgres.ProcessId is { } postmaster)
        {
            processes.Add(postmaster);
            processes.AddRange(ChildrenOf(postmaster));
        }

        if (Redis.ProcessId is { } redis)
        {
            processes.Add(redis);
        }

        return ReniceAsync(SoakSettings.ServerNice, processes);
    }

    /// <summary>
    /// Lowers the soak's own priority (nice 5) once the sample and the prober have started (they keep the default): the
    /// fault injection, sampling and census yield to the process under test and to the one timing it. Linux keeps a nice
    /// value per thread, so every thread is changed; threads started later inherit it.
    /// </summary>
    public static Task LowerOwnPriorityAsync() => ReniceAsync(SoakSettings.OrchestratorNice, []);

    /// <summary>
    /// Raises the prober's priority (nice -5, see <see cref="SoakSettings.ProberNice"/>), then, where the soak may, puts
    /// its threads in the lowest real-time class (<c>chrt -r 1</c>): the prober needs a few percent of a CPU, and with it
    /// a probe is timed when it is answered, not when the scheduler gets round to the prober. Threads it starts later
    /// inherit both. Returns whether the real-time class was taken (the report says so).
    /// </summary>
    public static async Task<bool> RaiseProberPriorityAsync(int prober)
    {
        await ReniceAsync(SoakSettings.ProberNice, [prober]).ConfigureAwait(false);
        var start = new ProcessStartInfo("chrt") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-a", "-r", "-p", "1", prober.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var chrt = Process.Start(start) ?? throw new InvalidOperationException("chrt did not start");
            await chrt.WaitForExitAsync().ConfigureAwait(false);
            return chrt.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no chrt on this machine
        }
    }

    // Linux keeps a nice value per thread: every thread of each process (and of this one when none is given).
    private static async Task ReniceAsync(int nice, IReadOnlyList<int> processes)
    {
        var threads = (processes.Count == 0 ? [Environment.ProcessId] : processes).SelectMany(ThreadsOf).ToList();
        if (threads.Count == 0)
        {
            return;
        }

        var start = new ProcessStartInfo("renice") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (IEnumerable<string>)["-n", nice.ToString(CultureInfo.InvariantCulture), "-p", .. threads.Select(t => t.ToString(CultureInfo.InvariantCulture))])
        {
            start.ArgumentList.Add(argument);
        }

        using var renice = Process.Start(start) ?? throw new InvalidOperationException("renice did not start");
        await renice.WaitForExitAsync().ConfigureAwait(false);
    }

    private static IEnumerable<int> ThreadsOf(int process)
    {
        var tasks = $"/proc/{process.ToString(CultureInfo.InvariantCulture)}/task";
        return System.IO.Directory.Exists(tasks)
            ? System.IO.Directory.EnumerateDirectories(tasks).Select(t => int.Parse(Path.GetFileName(t), CultureInfo.InvariantCulture)).ToList()
            : [];
    }

    private async Task ThenLowerServerPriorityAsync(Task started)
    {
        await started.ConfigureAwait(false);
        await LowerServerPriorityAsync().ConfigureAwait(false);
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        var children = $"/proc/{parent.ToString(CultureInfo.InvariantCulture)}/task/{parent.ToString(CultureInfo.InvariantCulture)}/children";
        return File.Exists(children)
            ? File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))
            : [];
    }

    private static Task SetAsync(Action change)
    {
        change();
        return Task.CompletedTask;
    }

    private static readonly TimeSpan ReleaseSpacing = TimeSpan.FromMilliseconds(50);

    // Superuser connections may use the reserved slots, so these take the server to max_connections minus one.
    private async Task HoldConnectionsAsync()
    {
        var used = await Postgres.QueryScalarAdminAsync<long>("select count(*) from pg_stat_activity where backend_type = 'client backend'").ConfigureAwait(false);
        for (var i = used; i < MaxConnections - 1; i++)
        {
            _heldConnections.Add(await Postgres.OpenAdminConnectionAsync().ConfigureAwait(false));
        }
    }

    // One connection every 50 ms, not twenty at once: twenty PostgreSQL backends exiting together tear down their memory
    // in the kernel, which this rig's kernel (PREEMPT_NONE, two vCPUs shared with the sample) does not preempt, so the
    // sample could not run for ~15 ms (docs/reliability.md, fourth run). A database on its own host costs the app nothing
    // when its clients leave.
    private async Task ReleaseConnectionsAsync()
    {
        foreach (var connection in _heldConnections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            await Task.Delay(ReleaseSpacing).ConfigureAwait(false);
        }

        _heldConnections.Clear();
    }

    // Real blocks (fallocate), not a sparse file: the volume's free space must really drop.
    private async Task FillDiskAsync()
    {
        var start = new ProcessStartInfo("fallocate") { RedirectStandardError = true };
        foreach (var argument in (string[])["-l", DiskFiller.ToString(CultureInfo.InvariantCulture), FillerFile])
        {
            start.ArgumentList.Add(argument);
        }

        using var fallocate = Process.Start(start) ?? throw new InvalidOperationException("fallocate did not start");
        var error = await fallocate.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await fallocate.WaitForExitAsync().ConfigureAwait(false);
        if (fallocate.ExitCode != 0)
        {
            throw new InvalidOperationException($"fallocate failed: {error}");
        }
    }

    private Task EmptyDiskAsync()
    {
        File.Delete(FillerFile);
        return Task.CompletedTask;
    }

    private async Task WriteSettingsAsync()
    {
        var minFreeBytes = new DriveInfo(Directory.Path).AvailableFreeSpace - DiskMargin;
        var settings = new Dictionary<string, object>
        {
            ["ConnectionStrings"] = new Dictionary<string, string>
            {
                ["postgres"] = Postgres.AppConnectionString,
                ["redis"] = Redis.ConnectionString,
            },
            ["OpsKit"] = new Dictionary<string, object>
            {
                ["Health"] = new Dictionary<string, object>
                {
                    ["Period"] = SoakSettings.CheckPeriod.ToString("c"),
                    ["Timeout"] = SoakSettings.CheckTimeout.ToString("c"),
                    ["Details"] = "Always",
                    ["Checks"] = new Dictionary<string, object>
                    {
                        ["upstream"] = new Dictionary<string, object> { ["Type"] = "http", ["Url"] = Upstream.HealthUrl.ToString() },
                        ["postgres.connections"] = new Dictionary<string, object> { ["UnhealthyAt"] = 0.9 },
                        // Below MinFreeBytes the disk check is Unhealthy whatever the used ratio.
                        ["disk"] = new Dictionary<string, object> { ["MinFreeBytes"] = minFreeBytes },
                    },
                },
            },
        };

        await File.WriteAllTextAsync(SettingsFile, JsonSerializer.Serialize(settings)).ConfigureAwait(false);
    }
}
