using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Benchmarks.Analyzers;

/// <summary>
/// The corpus compilation, with every measured analyzer's descriptors enabled. Each run analyzes the whole
/// compilation like a command-line build does (<see cref="CompilationWithAnalyzers"/> works on a fresh clone, so
/// binding is redone every time: the baseline row measures that shared cost).
/// </summary>
public sealed class Workload
{
    private static readonly Lazy<Workload> Shared = new(() => new Workload(AnalyzerCostBenchmarks.Features));

    private Workload(int features)
    {
        var corpus = Corpus.Create(features);

        // One compilation for every analyzer: all their descriptors enabled (some Meziantou rules are off by default).
        var ids = AnalyzerCatalog.All.SelectMany(n => AnalyzerCatalog.Create(n).SupportedDiagnostics).Select(d => d.Id).Distinct();
        Compilation = corpus.WithOptions(corpus.Options.WithSpecificDiagnosticOptions(ids.ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn)));
        FileCount = Compilation.SyntaxTrees.Count();
        LineCount = Corpus.LineCount(Compilation);
    }

    public static Workload Instance => Shared.Value;

    public Compilation Compilation { get; }

    public int FileCount { get; }

    public int LineCount { get; }

    /// <summary>
    /// File by file, as the IDE analyzes open documents: one semantic-diagnostics request per file on the same
    /// <see cref="CompilationWithAnalyzers"/>. Symbol start/end analyzers must complete a type from every file it spans.
    /// </summary>
    public async Task<(int Diagnostics, TimeSpan OwnTime)> RunPerFileAsync(DiagnosticAnalyzer analyzer)
    {
        var withAnalyzers = Compilation.WithAnalyzers(
            [analyzer],
            new CompilationWithAnalyzersOptions(BenchmarkOptions.WebApplication, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var count = 0;
        foreach (var tree in Compilation.SyntaxTrees)
        {
            var model = Compilation.GetSemanticModel(tree);
            count += (await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).ConfigureAwait(false)).Length;
        }

        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
        return (count, telemetry.ExecutionTime);
    }

    public async Task<(int Diagnostics, TimeSpan OwnTime)> RunAsync(DiagnosticAnalyzer analyzer, bool logTime)
    {
        var withAnalyzers = Compilation.WithAnalyzers(
            [analyzer],
            new CompilationWithAnalyzersOptions(BenchmarkOptions.WebApplication, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: logTime));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        var ownTime = logTime ? (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime : TimeSpan.Zero;
        return (diagnostics.Length, ownTime);
    }
}
