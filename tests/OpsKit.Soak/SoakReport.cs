using System.Globalization;
using System.Text;

namespace OpsKit.Soak;

/// <summary>
/// Judges a run against the soak's bounds and writes <c>samples.csv</c>, <c>faults.csv</c> and <c>report.md</c>.
/// Resources compare the quiet end with the quiet baseline, or, for what a first fault may legitimately raise once
/// (descriptors, RSS), with the recovery after the first fault of every kind (each quiet period counted from its second
/// third, so start-up and the last repair are not counted); the bounds are in <see cref="Judge"/> and docs/reliability.md.
/// </summary>
internal static class SoakReport
{
    private const double ProbeBoundMilliseconds = 10;
    private static readonly TimeSpan ProbeWarmUp = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<SoakVerdict> Judge(SoakSettings settings, IReadOnlyList<ResourceSample> samples, IReadOnlyList<FaultOutcome> faults, int faultsPerCycle, long probeErrors)
    {
        var baseline = Quiet(samples, SoakRun.Baseline);
        var final = Quiet(samples, SoakRun.Final);
        // After one fault of every kind: what a resource reaches once, it may keep; growth after that is a leak.
        var firstCycle = faults.Count > faultsPerCycle ? Quiet(samples, SoakRun.RecoveryPhase(faultsPerCycle)) : baseline;
        var leakedSessions = final.Where(s => s.PostgresSessions >= 0).Select(s => s.PostgresSessions - s.PoolConnections).DefaultIfEmpty(long.MaxValue).Max();
        var detection = SoakSettings.DetectionBound;
        var worstDetection = faults.Max(f => f.DetectedAfter ?? TimeSpan.MaxValue);
        var worstRecovery = faults.Max(f => f.RecoveredAfter ?? TimeSpan.MaxValue);
        // The first windows measure the JIT compiling the probe path, not OpsKit.
        var windows = samples.Where(s => s.Probes > 0 && s.Seconds >= ProbeWarmUp.TotalSeconds).ToList();
        var worstServer = windows.MaxBy(s => s.ServerP99Milliseconds)!;
        var slowServerWindows = windows.Count(s => s.ServerP99Milliseconds >= ProbeBoundMilliseconds);
        var worstClient = windows.MaxBy(s => s.ProbeP99Milliseconds)!;
        var worstOnTime = windows.MaxBy(ClientP99LessOwnLag)!;
        var slowClientWindows = windows.Count(s => s.ProbeP99Milliseconds >= ProbeBoundMilliseconds);
        var slowOnTimeWindows = windows.Count(s => ClientP99LessOwnLag(s) >= ProbeBoundMilliseconds);
        return
        [
            new($"faults injected >= 20", faults.Count.ToString(CultureInfo.InvariantCulture), faults.Count >= 20),
            new($"every fault detected within period + timeout + 1 s = {detection.TotalSeconds:0} s", Describe(worstDetection), worstDetection <= detection),
            new($"every check Healthy again within {settings.RecoveryLength.TotalSeconds:0} s of the repair", Describe(worstRecovery), worstRecovery <= settings.RecoveryLength),
            new(
                $"probe p99 inside the sample (Kestrel's request start to stop) < 10 ms in every sampling window after the first {ProbeWarmUp.TotalSeconds:0} s",
                string.Create(CultureInfo.InvariantCulture, $"{worstServer.ServerP99Milliseconds:0.00} ms (worst of {windows.Count} windows, at {worstServer.Seconds:0} s; the prober saw {worstServer.ProbeP99Milliseconds:0.00} ms then); {slowServerWindows} windows over 10 ms"),
                slowServerWindows == 0 && windows.All(s => s.ServerProbes > 0)),
            new(
                $"probe p99 at the prober, less the prober's own worst lag in that window, < 10 ms in every window after the first {ProbeWarmUp.TotalSeconds:0} s",
                string.Create(CultureInfo.InvariantCulture, $"{ClientP99LessOwnLag(worstOnTime):0.00} ms (worst, at {worstOnTime.Seconds:0} s: p99 {worstOnTime.ProbeP99Milliseconds:0.00} ms, own lag {worstOnTime.ClientLagMilliseconds:0.0} ms); as measured, without subtracting: worst {worstClient.ProbeP99Milliseconds:0.00} ms at {worstClient.Seconds:0} s (own lag {worstClient.ClientLagMilliseconds:0.0} ms, inside the sample {worstClient.ServerP99Milliseconds:0.00} ms), {slowClientWindows} windows over 10 ms"),
                slowOnTimeWindows == 0),
            new("no probe unanswered (200 or 503)", probeErrors.ToString(CultureInfo.InvariantCulture), probeErrors == 0),
            new("PostgreSQL sessions of the app outside its Npgsql pool at the end = 0", leakedSessions.ToString(CultureInfo.InvariantCulture), leakedSessions == 0),
            Compare("Redis clients: end <= baseline", baseline, final, s => s.RedisClients, 0),
            Compare("threads: end <= baseline + 8", baseline, final, s => s.Threads, 8),
            Compare("open descriptors that neither loaded code nor a counted connection explains: end <= after the first cycle + 2", firstCycle, final, s => s.UnexplainedDescriptors, 2),
            Compare("RSS (MiB): end <= after the first cycle + 10 %", firstCycle, final, s => s.ResidentMegabytes, firstCycle.Max(s => s.ResidentMegabytes) * 0.1),
            Compare("GC heap after the last collection (MiB): end <= baseline + 16 MiB", baseline, final, s => s.GcHeapMegabytes, 16),
        ];
    }

    public static async Task WriteAsync(string directory, IReadOnlyList<ResourceSample> samples, IReadOnlyList<FaultOutcome> faults, IReadOnlyList<SoakVerdict> verdicts, IReadOnlyDictionary<string, SortedDictionary<string, int>> censuses, string header)
    {
        Directory.CreateDirectory(directory);
        var csv = new StringBuilder("seconds,fault_active,rss_mib,gc_heap_mib,threads,fds,pg_sessions,pool_connections,redis_clients,check_executions,abandoned_runs,probes,probe_p99_ms,probe_max_ms,server_probes,server_p99_ms,server_max_ms,client_lag_ms,client_gc_pause_ms,gc_pause_ms,thread_pool_queue,kestrel_connections,http_client_connections,loaded_code_fds,unexplained_fds\n");
        foreach (var s in samples)
        {
            var faultActive = s.Fault is SoakRun.Baseline or SoakRun.Final || s.Fault.StartsWith("recovering", StringComparison.Ordinal) ? 0 : 1;
            csv.Append(CultureInfo.InvariantCulture, $"{s.Seconds:0.0},{faultActive},{s.ResidentMegabytes:0.0},{s.GcHeapMegabytes:0.0},{s.Threads},{s.FileDescriptors},{s.PostgresSessions},{s.PoolConnections},{s.RedisClients},{s.CheckExecutions},{s.AbandonedRuns},{s.Probes},{s.ProbeP99Milliseconds:0.000},{s.ProbeMaxMilliseconds:0.000},{s.ServerProbes},{s.ServerP99Milliseconds:0.000},{s.ServerMaxMilliseconds:0.000},{s.ClientLagMilliseconds:0.000},{s.ClientGcPauseMilliseconds:0.000},{s.GcPauseMilliseconds:0.000},{s.ThreadPoolQueue},{s.KestrelConnections},{s.HttpClientConnections},{s.LoadedCodeDescriptors},{s.UnexplainedDescriptors}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "samples.csv"), csv.ToString()).ConfigureAwait(false);

        var table = new StringBuilder("number,fault,check,injected_at_s,detected_after_s,recovered_after_s\n");
        foreach (var f in faults)
        {
            table.Append(CultureInfo.InvariantCulture, $"{f.Number},{f.Fault},{f.Check},{f.InjectedAtSeconds:0.0},{Csv(f.DetectedAfter)},{Csv(f.RecoveredAfter)}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "faults.csv"), table.ToString()).ConfigureAwait(false);

        var report = new StringBuilder(header).Append("\n\n| Bound | Measured | Holds |\n|---|---|---|\n");
        foreach (var v in verdicts)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {v.Bound} | {v.Measured} | {(v.Holds ? "yes" : "**no**")} |\n");
        }

        report.Append("\n| # | Fault | Check | Injected at (s) | Detected after (s) | All Healthy after repair (s) |\n|---:|---|---|---:|---:|---:|\n");
        foreach (var f in faults)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {f.Number} | {f.Fault} | `{f.Check}` | {f.InjectedAtSeconds:0} | {Csv(f.DetectedAfter)} | {Csv(f.RecoveredAfter)} |\n");
        }

        report.Append("\nThe sample's descriptors by kind (only the kinds whose count changed):\n\n");
        foreach (var (from, to) in (ReadOnlySpan<(string, string)>)[(SoakRun.Baseline, SoakRun.FirstCycle), (SoakRun.FirstCycle, SoakRun.Final), (SoakRun.Baseline, SoakRun.Final)])
        {
            if (censuses.TryGetValue(from, out var before) && censuses.TryGetValue(to, out var after))
            {
                var changes = DescriptorCensus.Difference(before, after).ToList();
                report.Append(CultureInfo.InvariantCulture, $"- {from} ({before.Values.Sum()}) to {to} ({after.Values.Sum()}): {(changes.Count == 0 ? "no change" : string.Join("; ", changes))}\n");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), report.ToString()).ConfigureAwait(false);
    }

    // A probe the prober timed while it was itself late by L ms says at most (time - L) about the sample.
    private static double ClientP99LessOwnLag(ResourceSample s) => Math.Max(0, s.ProbeP99Milliseconds - s.ClientLagMilliseconds);

    private static List<ResourceSample> Quiet(IReadOnlyList<ResourceSample> samples, string phase)
    {
        var all = samples.Where(s => s.Fault == phase).ToList();
        return all.Skip(all.Count / 3).ToList();
    }

    private static SoakVerdict Compare(string bound, List<ResourceSample> baseline, List<ResourceSample> final, Func<ResourceSample, double> value, double allowance)
    {
        var before = baseline.Select(value).Where(v => v >= 0).DefaultIfEmpty(double.NaN).Max();
        var after = final.Select(value).Where(v => v >= 0).DefaultIfEmpty(double.NaN).Max();
        return new SoakVerdict(
            bound,
            string.Create(CultureInfo.InvariantCulture, $"{before:0.#} -> {after:0.#}"),
            !double.IsNaN(before) && !double.IsNaN(after) && after <= before + allowance);
    }

    private static string Describe(TimeSpan value) =>
        value == TimeSpan.MaxValue ? "not within the limit" : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.0} s (worst fault)");

    private static string Csv(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "never";
}
