using System.Globalization;

namespace OpsKit.Benchmarks.Analyzers;

/// <summary>
/// The analyzer driver's own measurement of the time spent in each analyzer's callbacks (what
/// <c>dotnet build /p:ReportAnalyzer=true</c> reports), on the warm workload. Median of several runs per analyzer.
/// </summary>
public static class AnalyzerTelemetry
{
    public static async Task RunAsync(int runs, bool perFile = false)
    {
        var workload = Workload.Instance;
        Console.WriteLine($"Corpus: {workload.FileCount} files, {workload.LineCount} lines, {(perFile ? "file by file (IDE-like)" : "whole compilation (build-like)")}");
        // Warm-up: one discarded run of every analyzer, so tiered JIT has optimized the driver and the compiler
        // before anything is measured (otherwise the first analyzer measured pays for it).
        foreach (var name in AnalyzerCatalog.All)
        {
            _ = perFile
                ? await workload.RunPerFileAsync(AnalyzerCatalog.Create(name)).ConfigureAwait(false)
                : await workload.RunAsync(AnalyzerCatalog.Create(name), logTime: true).ConfigureAwait(false);
        }

        var results = new List<(string Name, double Milliseconds, int Diagnostics)>();
        foreach (var name in AnalyzerCatalog.All)
        {
            var times = new List<double>();
            var count = 0;
            for (var i = 0; i < runs; i++)
            {
                var (diagnostics, ownTime) = perFile
                    ? await workload.RunPerFileAsync(AnalyzerCatalog.Create(name)).ConfigureAwait(false)
                    : await workload.RunAsync(AnalyzerCatalog.Create(name), logTime: true).ConfigureAwait(false);
                count = diagnostics;
                times.Add(ownTime.TotalMilliseconds);
            }

            times.Sort();
            results.Add((name, times[times.Count / 2], count));
            if (Environment.GetEnvironmentVariable("OPSKIT_BENCH_TRACE") == "1")
            {
                Console.Error.WriteLine(name + ": " + string.Join(", ", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture))));
            }
        }

        var meziantou = results.Where(r => r.Name.StartsWith("MA ", StringComparison.Ordinal)).Select(r => r.Milliseconds).Order().ToList();
        var median = meziantou.Count % 2 == 1 ? meziantou[meziantou.Count / 2] : (meziantou[(meziantou.Count / 2) - 1] + meziantou[meziantou.Count / 2]) / 2;
        Console.WriteLine($"| Analyzer | Own time (ms, median of {runs}) | Ratio to Meziantou median | Diagnostics |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, ms, diagnostics) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ms:F1} | {ms / median:F2} | {diagnostics} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Meziantou median: {median:F1} ms"));
    }
}
