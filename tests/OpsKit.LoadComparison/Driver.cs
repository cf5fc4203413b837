using System.Globalization;
using System.Net;
using Npgsql;
using OpsKit.Testing;

namespace OpsKit.LoadComparison;

/// <summary>
/// Runs the three comparisons end to end: a real PostgreSQL (with pg_stat_statements) and two Redis servers, the
/// upstream stub, the app variants as separate processes, wrk against each, then writes <c>results.md</c> and the raw
/// wrk reports to the output directory. Everything it started is stopped on the way out.
/// </summary>
internal static class Driver
{
    private const string PlainDatabase = "opskit_plain";

    public static async Task<int> RunAsync(DriverSettings settings)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        File.Delete(PidsFile(settings));
        var report = new Report(settings, DateTimeOffset.UtcNow, LoadAverage());
        Log($"PostgreSQL, 2 Redis servers, upstream stub; output in {settings.OutputDirectory}");

        var postgresOptions = new PostgresServerOptions();
        postgresOptions.Settings["shared_preload_libraries"] = "pg_stat_statements";
        await using var postgres = await PostgresServer.StartAsync(postgresOptions);
        await postgres.ExecuteAdminAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await postgres.ExecuteAdminAsync($"CREATE DATABASE {PlainDatabase} OWNER {postgres.AppUser}");
        await using var opsKitRedis = await RedisServer.StartAsync();
        await using var plainRedis = await RedisServer.StartAsync();
        await using var upstream = await UpstreamStub.StartAsync();
        Started(settings, "postgres", postgres.ProcessId);
        Started(settings, "redis", opsKitRedis.ProcessId);
        Started(settings, "redis", plainRedis.ProcessId);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

        var opsKitSide = new Side("opskit", postgres.AppDatabase, opsKitRedis);
        var plainSide = new Side("plain", PlainDatabase, plainRedis);
        await using (var opsKit = await AppProcess.StartAsync("opskit", AppSettings(postgres, opsKitSide, upstream)))
        await using (var plain = await AppProcess.StartAsync("plain", AppSettings(postgres, plainSide, upstream)))
        {
            Started(settings, "app", opsKit.ProcessId);
            Started(settings, "app", plain.ProcessId);
            await WaitForStatusAsync(client, opsKit, "/health/ready", HttpStatusCode.OK);
            await WaitForStatusAsync(client, plain, "/health/ready", HttpStatusCode.OK);

            foreach (var (app, side) in new[] { (opsKit, opsKitSide), (plain, plainSide) })
            {
                Log($"probe storm: {app.Variant}");
                report.Storm[app.Variant] = await ProbeStormAsync(settings, app, side, postgres, upstream);
            }

            // Hung upstream: every request to the stub waits forever. Measured once OpsKit's snapshot has seen the
            // timeout (its readiness answers 503), so both apps are in the steady state of "the upstream hangs".
            upstream.Hang = true;
            Log("hung upstream: waiting until OpsKit's readiness reports it (up to period + timeout)");
            await WaitForStatusAsync(client, opsKit, "/health/ready", HttpStatusCode.ServiceUnavailable);
            foreach (var app in new[] { opsKit, plain })
            {
                Log($"hung upstream: {app.Variant}");
                report.Hung[app.Variant] = await Save(settings, $"hung-{app.Variant}", await Wrk.RunAsync(Ready(app), settings, settings.Duration, app.Variant));
            }

            upstream.Release();
        }

        await SaveStatementsAsync(settings, postgres, [opsKitSide, plainSide]);

        await using (var off = await AppProcess.StartAsync("telemetry-off", new Dictionary<string, string>()))
        await using (var on = await AppProcess.StartAsync("telemetry-on", new Dictionary<string, string>()))
        {
            Started(settings, "app", off.ProcessId);
            Started(settings, "app", on.ProcessId);
            foreach (var app in new[] { off, on })
            {
                await WaitForStatusAsync(client, app, "/work", HttpStatusCode.OK);
                await Wrk.RunAsync(Work(app), settings, settings.Warmup, app.Variant + " warm-up");
            }

            for (var round = 1; round <= settings.TelemetryRounds; round++)
            {
                Log($"telemetry overhead: round {round.ToString(CultureInfo.InvariantCulture)}");
                var offResult = await Save(settings, $"telemetry-off-{round}", await Wrk.RunAsync(Work(off), settings, settings.Duration, off.Variant));
                var onResult = await Save(settings, $"telemetry-on-{round}", await Wrk.RunAsync(Work(on), settings, settings.Duration, on.Variant));
                report.Telemetry.Add((offResult, onResult));
            }
        }

        var markdown = report.ToMarkdown();
        var path = Path.Combine(settings.OutputDirectory, "results.md");
        await File.WriteAllTextAsync(path, markdown);
        Console.Out.WriteLine();
        Console.Out.WriteLine(markdown);
        Log($"written to {path}");
        return 0;
    }

    private static async Task<StormResult> ProbeStormAsync(DriverSettings settings, AppProcess app, Side side, PostgresServer postgres, UpstreamStub upstream)
    {
        await Wrk.RunAsync(Ready(app), settings, settings.Warmup, app.Variant + " warm-up");

        // Let the warm-up's last requests finish before the counters are read.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var before = await CountersAsync(side, postgres, upstream);
        var wrk = await Save(settings, $"storm-{app.Variant}", await Wrk.RunAsync(Ready(app), settings, settings.Duration, app.Variant));
        var after = await CountersAsync(side, postgres, upstream);
        var seconds = wrk.Runtime.TotalSeconds;
        return new StormResult(
            wrk,
            (after.Statements - before.Statements) / seconds,
            (after.RedisCommands - before.RedisCommands) / seconds,
            (after.UpstreamCalls - before.UpstreamCalls) / seconds);
    }

    private static async Task<(long Statements, long RedisCommands, long UpstreamCalls)> CountersAsync(Side side, PostgresServer postgres, UpstreamStub upstream)
    {
        // pg_stat_statements is updated when each statement ends (pg_stat_database lags up to 10 s behind idle backends).
        var statements = await postgres.QueryScalarAdminAsync<long>(
            "SELECT coalesce(sum(s.calls), 0)::bigint FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid " +
            $"WHERE d.datname = '{side.Database}'");
        var info = (await side.Redis.ExecuteAsync("INFO", "stats")).ToString() ?? string.Empty;
        var line = info.Split('\n').First(l => l.StartsWith("total_commands_processed:", StringComparison.Ordinal));

        // Minus this INFO itself, counted before it answers.
        var commands = long.Parse(line["total_commands_processed:".Length..].Trim(), CultureInfo.InvariantCulture) - 1;
        return (statements, commands, upstream.Calls(side.Caller));
    }

    private static async Task SaveStatementsAsync(DriverSettings settings, PostgresServer postgres, IEnumerable<Side> sides)
    {
        // What the probes ran, per app database: shows which statements the "statements/s" rows count.
        var text = new System.Text.StringBuilder();
        var connection = await postgres.OpenAdminConnectionAsync();
        await using (connection)
        {
            foreach (var side in sides)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"# {side.Caller} (database {side.Database}): calls, query");
                await using var command = new NpgsqlCommand(
                    "SELECT s.calls, s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid " +
                    "WHERE d.datname = @db ORDER BY s.calls DESC LIMIT 20",
                    connection);
                command.Parameters.AddWithValue("db", side.Database);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{reader.GetInt64(0)}\t{reader.GetString(1).ReplaceLineEndings(" ")}");
                }
            }
        }

        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "pg-statements.txt"), text.ToString());
    }

    private static Dictionary<string, string> AppSettings(PostgresServer postgres, Side side, UpstreamStub upstream) => new(StringComparer.Ordinal)
    {
        ["Load:Postgres"] = new NpgsqlConnectionStringBuilder(postgres.AppConnectionString)
        {
            Database = side.Database,
            ApplicationName = "opskit-load-" + side.Caller,
        }.ConnectionString,
        ["Load:Redis"] = side.Redis.ConnectionString,
        ["Load:Upstream"] = upstream.UrlFor(side.Caller).ToString(),
    };

    private static async Task WaitForStatusAsync(HttpClient client, AppProcess app, string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(app.BaseAddress, path));
                last = response.StatusCode;
                if (last == expected)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                last = null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new InvalidOperationException($"{app.Variant}: {path} did not answer {(int)expected} within 60 s (last: {last?.ToString() ?? "no answer"}).\n{app.Output}");
    }

    private static async Task<WrkResult> Save(DriverSettings settings, string name, WrkResult result)
    {
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, $"wrk-{name}.txt"), $"$ {result.Command}\n{result.Output}");
        return result;
    }

    /// <summary>Records a started process in <c>pids.txt</c>, so that the script can check that none is left running.</summary>
    private static void Started(DriverSettings settings, string kind, int? processId)
    {
        if (processId is { } pid)
        {
            File.AppendAllText(PidsFile(settings), string.Create(CultureInfo.InvariantCulture, $"{pid} {kind}\n"));
        }
    }

    private static string PidsFile(DriverSettings settings) => Path.Combine(settings.OutputDirectory, "pids.txt");

    private static Uri Ready(AppProcess app) => new(app.BaseAddress, "/health/ready");

    private static Uri Work(AppProcess app) => new(app.BaseAddress, "/work");

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static void Log(string message) =>
        Console.Error.WriteLine($"[load-compare {DateTime.UtcNow:HH:mm:ss}] {message}");

    private sealed record Side(string Caller, string Database, RedisServer Redis);
}
