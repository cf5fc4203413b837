using System.Globalization;
using System.Text;

namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>
/// The compact tables docs/analyzers.md shows (field-summary.md): per rule precision and recall in each mode next to
/// its cost ratio, and the corpus with its commits.
/// </summary>
internal static class SummaryReport
{
    public static string Render(FieldReport report)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        static string F(double? value, string format = "F2") => value is null ? "n/a" : value.Value.ToString(format, CultureInfo.InvariantCulture);

        var costMode = report.Modes.LastOrDefault(m => m.Cost.Meziantou.Count > 0) ?? report.Modes.LastOrDefault();
        var half = report.Modes.FirstOrDefault(m => m.Mode == "half");
        var restored = report.Modes.FirstOrDefault(m => m.Mode == "restored");
        Line($"Field run of {report.GeneratedUtc:yyyy-MM-dd} ({report.Corpus.Count} repositories, {report.Corpus.Sum(c => c.Projects)} projects, {report.Corpus.Sum(c => c.Sites)} sites; `{report.CommandLine}`).");
        Line();
        Line("| Rule | Sites | Precision (restored) | Recall (restored) | Precision (half) | Recall (half) | AD0001 | Own time (ms) | Ratio to Meziantou median |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var rule in report.Rules.Append("overall"))
        {
            RuleScore? Score(ModeReport? mode) => mode is null ? null : rule == "overall" ? mode.Overall : mode.Rules.FirstOrDefault(r => r.Rule == rule);
            var any = Score(restored) ?? Score(half);
            var crashes = report.Modes.SelectMany(m => m.Failures).Count(f => rule == "overall" ? !report.Modes.Any(m => m.Cost.Meziantou.Any(c => c.Analyzer == f.Analyzer)) : RuleOf(report, f.Analyzer) == rule);
            var cost = rule == "overall" ? null : costMode?.Cost.OpsKit.FirstOrDefault(c => RuleOf(report, c.Analyzer) == rule);
            Line($"| {rule} | {any?.Sites ?? 0} | {F(Score(restored)?.Precision)} | {F(Score(restored)?.Recall)} | {F(Score(half)?.Precision)} | {F(Score(half)?.Recall)} | {crashes} | {F(cost?.TotalMs, "F1")} | {F(cost?.RatioToMeziantouMedian)} |");
        }

        if (costMode?.Cost.MeziantouMedianMs is { } median)
        {
            Line();
            Line($"Meziantou.Analyzer 3.0.321 in the same run ({costMode.Mode} mode; {report.Timing}): {costMode.Cost.Meziantou.Count} analyzers, median {F(median, "F1")} ms, max {F(costMode.Cost.MeziantouMaxMs, "F1")} ms ({costMode.Cost.MeziantouMaxAnalyzer}).");
        }

        Line();
        Line("| Repository | Commit | Projects | Sites |");
        Line("|---|---|---:|---:|");
        foreach (var c in report.Corpus)
        {
            Line($"| {c.Repo} | `{c.Commit}` | {c.Projects} | {c.Sites} |");
        }

        return md.ToString();
    }

    /// <summary>The rule an analyzer reports, from the analyzer names the report knows (one analyzer per rule in OpsKit).</summary>
    private static string? RuleOf(FieldReport report, string analyzer)
        => report.AnalyzerRules.TryGetValue(analyzer, out var rules) ? rules.FirstOrDefault() : null;
}
