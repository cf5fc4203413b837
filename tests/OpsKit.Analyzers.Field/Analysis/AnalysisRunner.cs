using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Field.Building;

namespace OpsKit.Analyzers.Field.Analysis;

/// <summary>
/// Runs the selected analyzers on a compiled project as a build does (whole compilation, non-concurrent, execution
/// time logged) and collects the OpsKit diagnostics, compiler errors, analyzer exceptions and each analyzer's own time.
/// </summary>
internal sealed class AnalysisRunner(AnalyzerSet analyzers, int runs, AnalyzerOrder order)
{
    public async Task WarmUpAsync(CompiledProject project)
    {
        _ = await RunOnceAsync(project.Compilation.Clone(), project.AnalyzerOptions, analyzers.All, includeCompiler: false).ConfigureAwait(false);
    }

    /// <param name="project">The compiled project.</param>
    /// <param name="withMeziantou">Whether Meziantou's analyzers run too (they are only needed for the cost comparison).</param>
    public async Task<ProjectAnalysis> AnalyzeAsync(CompiledProject project, bool withMeziantou)
    {
        var selected = withMeziantou ? analyzers.All : analyzers.OpsKit;

        // The compiler's own work on this project (binding the references, the declarations and every method body) is
        // done first, untimed, on a clone that shares the references' symbols and the declaration table with the timed
        // runs. Without it the driver charges whichever analyzer first touches a reference or a namespace for loading
        // it (an OpsKit analyzer, as they run before Meziantou's), although a build does that work with or without
        // analyzers. The timed runs measure what the analyzers add to the compiler's work, with or without Meziantou.
        _ = project.Compilation.Clone().GetDiagnostics();

        // A shuffled order is the same for the same project on every invocation of the runner.
        var random = order == AnalyzerOrder.Shuffled ? new Random(StableHash(project.Project.FullPath + "|" + project.Mode)) : null;
        var first = await RunOnceAsync(Declared(project.Compilation), project.AnalyzerOptions, InOrder(selected, random), includeCompiler: true).ConfigureAwait(false);
        var times = selected.ToDictionary(AnalyzerSet.Name, a => new List<double> { first.Times[AnalyzerSet.Name(a)] }, StringComparer.Ordinal);
        for (var run = 1; run < runs; run++)
        {
            // A clone has fresh symbols and semantic models: every run binds from scratch, as the first did.
            var again = await RunOnceAsync(Declared(project.Compilation.Clone()), project.AnalyzerOptions, InOrder(selected, random), includeCompiler: false).ConfigureAwait(false);
            foreach (var (name, ms) in again.Times)
            {
                times[name].Add(ms);
            }
        }

        var opsKit = first.Diagnostics
            .Where(d => analyzers.Rules.Contains(d.Id))
            .ToList();
        var errors = first.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal))
            .ToList();
        var failures = first.Failures.Concat(
                first.Diagnostics.Where(d => d.Id == "AD0001").Select(d => new AnalyzerFailure("(reported as AD0001)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))))
            .DistinctBy(f => f.Analyzer + "|" + f.Message)
            .ToList();
        return new ProjectAnalysis(
            opsKit,
            errors.Count,
            errors.GroupBy(e => e.Id).OrderByDescending(g => g.Count()).Take(5).ToDictionary(g => g.Key, g => g.Count()),
            failures,
            times.ToDictionary(t => t.Key, t => order == AnalyzerOrder.Fixed ? Median(t.Value) : TrimmedMean(t.Value), StringComparer.Ordinal));
    }

    /// <summary>
    /// The analyzers in a new random order (OpsKit's and Meziantou's mixed), or as given. Averaged over shuffled runs,
    /// the cold first touch of the compilation and each shared cache are charged to every analyzer that would pay them
    /// in proportion to how often it comes first; a fixed order charges them to the same analyzer on every project.
    /// </summary>
    private static ImmutableArray<DiagnosticAnalyzer> InOrder(ImmutableArray<DiagnosticAnalyzer> analyzers, Random? random)
    {
        if (random is null)
        {
            return analyzers;
        }

        var shuffled = analyzers.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    /// <summary>FNV-1a: string.GetHashCode differs from process to process.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }

    private static async Task<RunResult> RunOnceAsync(Microsoft.CodeAnalysis.Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticAnalyzer> selected, bool includeCompiler)
    {
        var failures = new ConcurrentBag<AnalyzerFailure>();
        void OnException(Exception exception, DiagnosticAnalyzer analyzer, Diagnostic diagnostic)
            => failures.Add(new AnalyzerFailure(AnalyzerSet.Name(analyzer), $"{exception.GetType().Name}: {exception.Message} (in {exception.TargetSite?.DeclaringType?.Name}.{exception.TargetSite?.Name})"));

        var withAnalyzers = compilation.WithAnalyzers(
            selected,
            new CompilationWithAnalyzersOptions(options, OnException, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        // GetAllDiagnosticsAsync would not log execution times: analyzers first, then the compiler's own diagnostics.
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        if (includeCompiler)
        {
            diagnostics = diagnostics.AddRange(withAnalyzers.Compilation.GetDiagnostics());
        }

        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var analyzer in selected)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            times[AnalyzerSet.Name(analyzer)] = telemetry.ExecutionTime.TotalMilliseconds;
        }

        return new RunResult(diagnostics, [.. failures], times);
    }

    /// <summary>
    /// Runs the declaration pass on the clone, untimed. <c>CompilationWithAnalyzers</c> analyzes a compilation derived
    /// from it, with source symbols of its own, so this only warms what the two share: the referenced assemblies'
    /// symbols that the declarations name (README, section Cost).
    /// </summary>
    private static Microsoft.CodeAnalysis.Compilation Declared(Microsoft.CodeAnalysis.Compilation compilation)
    {
        _ = compilation.GetDeclarationDiagnostics();
        return compilation;
    }

    /// <summary>The mean without the slowest and the fastest run (from three runs on): one run slowed by a collection
    /// or by the machine weighs on a plain mean.</summary>
    private static double TrimmedMean(List<double> values)
    {
        values.Sort();
        return values.Count < 3 ? values.Average() : values.Skip(1).Take(values.Count - 2).Average();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private sealed record RunResult(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<AnalyzerFailure> Failures, Dictionary<string, double> Times);
}
