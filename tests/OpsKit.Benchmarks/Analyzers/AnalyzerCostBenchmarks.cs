using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Benchmarks.Analyzers;

/// <summary>
/// Each analyzer alone on the same large compilation (see <see cref="Workload"/>). The baseline row (an empty
/// invocation action) is binding plus the driver; "Mean - Baseline" is what the analyzer adds. Compare to the
/// Meziantou rows on the same compilation.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class AnalyzerCostBenchmarks
{
    /// <summary>Features in the corpus (3 files, about 130 lines each); OPSKIT_BENCH_FEATURES overrides the default 10.</summary>
    public static readonly int Features = int.TryParse(Environment.GetEnvironmentVariable("OPSKIT_BENCH_FEATURES"), out var n) ? n : 10;

    private DiagnosticAnalyzer _analyzer = null!;

    [ParamsSource(nameof(Analyzers))]
    public string Analyzer { get; set; } = "";

    public static IEnumerable<string> Analyzers => AnalyzerCatalog.All;

    [GlobalSetup]
    public void Setup()
    {
        _ = Workload.Instance;
        _analyzer = AnalyzerCatalog.Create(Analyzer);
    }

    [Benchmark]
    public async Task<int> Analyze()
        => (await Workload.Instance.RunAsync(_analyzer, logTime: false).ConfigureAwait(false)).Diagnostics;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithStrategy(RunStrategy.Monitoring)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithId("Short-InProcess"));
            WithOption(ConfigOptions.DisableOptimizationsValidator, true);
            WithSummaryStyle(BenchmarkDotNet.Reports.SummaryStyle.Default.WithMaxParameterColumnWidth(60));
        }
    }
}
