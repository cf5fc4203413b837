using System.Globalization;
using System.Text;

namespace OpsKit.LoadComparison;

/// <summary>The results as markdown: one table per comparison, ratios OpsKit / plain (or on / off).</summary>
internal sealed class Report(DriverSettings settings, DateTimeOffset started, string loadAverage)
{
    public Dictionary<string, StormResult> Storm { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, WrkResult> Hung { get; } = new(StringComparer.Ordinal);

    public List<(WrkResult Off, WrkResult On)> Telemetry { get; } = [];

    public string ToMarkdown()
    {
        var s = settings;
        var wrk = $"wrk -t{s.Threads} -c{s.Connections} -d{Whole(s.Duration)}s --timeout {Whole(s.Timeout)}s --latency";
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run of {started:yyyy-MM-dd HH:mm} UTC: `{wrk}`, {Whole(s.Warmup)} s warm-up per app, {Environment.ProcessorCount} cores shared by wrk, the apps, PostgreSQL and Redis (load average at start: {loadAverage}).");
        md.AppendLine();

        var opsKit = Storm["opskit"];
        var plain = Storm["plain"];
        md.AppendLine(CultureInfo.InvariantCulture, $"Probe storm: `GET /health/ready` for {Whole(s.Duration)} s.");
        md.AppendLine();
        md.AppendLine("| | OpsKit (`MapOpsHealth`) | plain (`MapHealthChecks`) | OpsKit / plain |");
        md.AppendLine("|---|---|---|---|");
        Row(md, "probe requests/s", Rate(opsKit.Wrk.RequestsPerSecond), Rate(plain.Wrk.RequestsPerSecond), Ratio(opsKit.Wrk.RequestsPerSecond, plain.Wrk.RequestsPerSecond));
        Row(md, "probe latency p99", Latency(opsKit.Wrk.P99), Latency(plain.Wrk.P99), Ratio(opsKit.Wrk.P99, plain.Wrk.P99));
        Row(md, "database statements/s (pg_stat_statements)", Rate(opsKit.StatementsPerSecond), Rate(plain.StatementsPerSecond), Ratio(opsKit.StatementsPerSecond, plain.StatementsPerSecond));
        Row(md, "Redis commands/s (INFO stats)", Rate(opsKit.RedisCommandsPerSecond), Rate(plain.RedisCommandsPerSecond), Ratio(opsKit.RedisCommandsPerSecond, plain.RedisCommandsPerSecond));
        Row(md, "upstream calls/s (stub's count)", Rate(opsKit.UpstreamCallsPerSecond), Rate(plain.UpstreamCallsPerSecond), Ratio(opsKit.UpstreamCallsPerSecond, plain.UpstreamCallsPerSecond));
        Row(md, "non-2xx responses, timeouts, socket errors", Errors(opsKit.Wrk), Errors(plain.Wrk), string.Empty);
        md.AppendLine();

        var hungOpsKit = Hung["opskit"];
        var hungPlain = Hung["plain"];
        md.AppendLine(CultureInfo.InvariantCulture, $"Hung upstream: the stub accepts the request and never answers; both apps' checks time out after {LoadApps.CheckTimeout.TotalSeconds:0} s. `GET /health/ready` for {Whole(s.Duration)} s with `--timeout {Whole(s.Timeout)}s`, started once OpsKit's readiness reports the hang.");
        md.AppendLine();
        md.AppendLine("| | OpsKit | plain | OpsKit / plain |");
        md.AppendLine("|---|---|---|---|");
        Row(md, $"probe answers within {Whole(s.Timeout)} s, per second", Rate(hungOpsKit.InTimePerSecond), Rate(hungPlain.InTimePerSecond), Ratio(hungOpsKit.InTimePerSecond, hungPlain.InTimePerSecond));
        Row(md, $"latency p50 (answers within {Whole(s.Timeout)} s)", Latency(hungOpsKit.P50), Latency(hungPlain.P50), Ratio(hungOpsKit.P50, hungPlain.P50));
        Row(md, $"latency p99 (answers within {Whole(s.Timeout)} s)", Latency(hungOpsKit.P99), Latency(hungPlain.P99), Ratio(hungOpsKit.P99, hungPlain.P99));
        Row(md, $"answers later than {Whole(s.Timeout)} s (wrk timeouts)", Count(hungOpsKit.Timeouts), Count(hungPlain.Timeouts), string.Empty);
        Row(md, "error rate (timeouts + socket errors) / answers", Percent(hungOpsKit.ErrorRate), Percent(hungPlain.ErrorRate), string.Empty);
        Row(md, "503 share of answers (the expected answer)", Percent(hungOpsKit.NonSuccessRate), Percent(hungPlain.NonSuccessRate), string.Empty);
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"wrk counts an answer later than `--timeout` as a timeout and leaves it out of the latencies; requests still waiting when a run ends are counted nowhere. With {s.Connections} connections and a {LoadApps.CheckTimeout.TotalSeconds:0} s check timeout, the plain app can answer at most {s.Connections / LoadApps.CheckTimeout.TotalSeconds:0.#} probes/s, each after about {LoadApps.CheckTimeout.TotalSeconds:0} s.");
        md.AppendLine();

        md.AppendLine(CultureInfo.InvariantCulture, $"Telemetry overhead: trivial `GET /work` (both apps run `AddOpsHealth()`; \"on\" adds `AddOpsTelemetry()` + `MapOpsMetrics()`), {Whole(s.Duration)} s per run, off and on alternated.");
        md.AppendLine();
        md.AppendLine("| round | off: requests/s | on: requests/s | on / off | off: p99 | on: p99 | on / off (p99) |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        for (var i = 0; i < Telemetry.Count; i++)
        {
            var (off, on) = Telemetry[i];
            md.AppendLine(CultureInfo.InvariantCulture, $"| {i + 1} | {Rate(off.RequestsPerSecond)} | {Rate(on.RequestsPerSecond)} | {Ratio(on.RequestsPerSecond, off.RequestsPerSecond)} | {Latency(off.P99)} | {Latency(on.P99)} | {Ratio(on.P99, off.P99)} |");
        }

        if (Telemetry.Count > 1)
        {
            var offMean = Telemetry.Average(t => t.Off.RequestsPerSecond);
            var onMean = Telemetry.Average(t => t.On.RequestsPerSecond);
            md.AppendLine(CultureInfo.InvariantCulture, $"| mean | {Rate(offMean)} | {Rate(onMean)} | {Ratio(onMean, offMean)} | | | |");
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, string what, string opsKit, string plain, string ratio) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {opsKit} | {plain} | {ratio} |");

    private static string Whole(TimeSpan time) => Math.Max(1, (int)Math.Round(time.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 100 => perSecond.ToString("N0", CultureInfo.InvariantCulture),
        >= 1 => perSecond.ToString("0.0", CultureInfo.InvariantCulture),
        _ => perSecond.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => double.IsNaN(share) ? "n/a (no answers)" : share.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Errors(WrkResult wrk) =>
        string.Create(CultureInfo.InvariantCulture, $"{wrk.NonSuccess} / {wrk.Timeouts} / {wrk.SocketErrors}");

    private static string Latency(TimeSpan? latency) => latency switch
    {
        null => "n/a (none)",
        { TotalMilliseconds: >= 1000 } l => l.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s",
        { TotalMilliseconds: >= 1 } l => l.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        { } l => l.TotalMicroseconds.ToString("0", CultureInfo.InvariantCulture) + " µs",
    };

    private static string Ratio(TimeSpan? value, TimeSpan? baseline) =>
        value is { } v && baseline is { } b ? Ratio(v.TotalMilliseconds, b.TotalMilliseconds) : "n/a";

    private static string Ratio(double value, double baseline)
    {
        if (baseline <= 0 || double.IsNaN(value) || double.IsNaN(baseline))
        {
            return "n/a";
        }

        var ratio = value / baseline;
        return ratio switch
        {
            0 => "0",
            < 0.1 => "1/" + (1 / ratio).ToString("N0", CultureInfo.InvariantCulture),
            >= 10 => ratio.ToString("N0", CultureInfo.InvariantCulture) + "×",
            _ => ratio.ToString("0.00", CultureInfo.InvariantCulture),
        };
    }
}
