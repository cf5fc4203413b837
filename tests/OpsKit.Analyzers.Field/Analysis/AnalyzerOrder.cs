namespace OpsKit.Analyzers.Field.Analysis;

/// <summary>
/// The order the analyzers run in on a timed run. The driver runs them one after the other; the first to touch the new
/// compilation's data (its references, its trees) finds it cold and pays for that, and of analyzers that share a cache
/// the first builds it. A fixed order charges that to the same analyzers every time (README.md, section Cost).
/// </summary>
internal enum AnalyzerOrder
{
    /// <summary>
    /// OpsKit's and Meziantou's together in a new random order per run; each analyzer's time is the mean over the runs
    /// without the slowest and the fastest.
    /// </summary>
    Shuffled,

    /// <summary>OpsKit's by type name, then Meziantou's by type name, on every run; each analyzer's time is the median over the runs.</summary>
    Fixed,
}
