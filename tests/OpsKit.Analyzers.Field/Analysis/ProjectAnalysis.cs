using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Field.Analysis;

/// <summary>The outcome of analyzing one project in one mode.</summary>
/// <param name="Diagnostics">The selected OpsKit rules' diagnostics (in source or not).</param>
/// <param name="CompilerErrors">How many CS errors the compilation has (a half-restored compile has many).</param>
/// <param name="TopErrors">The most frequent compiler error ids and their counts.</param>
/// <param name="Failures">Analyzer exceptions (AD0001).</param>
/// <param name="TimesMs">Each analyzer's own execution time, median of the runs, by analyzer type name.</param>
internal sealed record ProjectAnalysis(
    IReadOnlyList<Diagnostic> Diagnostics,
    int CompilerErrors,
    IReadOnlyDictionary<string, int> TopErrors,
    IReadOnlyList<AnalyzerFailure> Failures,
    IReadOnlyDictionary<string, double> TimesMs);
