using System.Globalization;
using System.Text;

namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>Renders a <see cref="FieldReport"/> as Markdown (printed to the console and written as field-report.md).</summary>
internal static class MarkdownReport
{
    public static string Render(FieldReport report)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        static string F(double? value, string format = "F2") => value is null ? "n/a" : value.Value.ToString(format, CultureInfo.InvariantCulture);

        Line("# OpsKit analyzers on the field corpus");
        Line();
        Line($"- generated {report.GeneratedUtc:u} in {F(report.WallSeconds, "F0")} s: `{report.CommandLine}`");
        Line($"- timing: {report.Timing}");
        Line($"- analyzers: `{report.AnalyzersPath}` (rules {string.Join(", ", report.Rules)})");
        Line($"- labels: `{report.LabelsDirectory}`; corpus: `{report.CorpusRoot}`");
        var evaluatedProjects = report.Projects.Where(p => p.Error is null).Select(p => (p.Repo, p.Project)).Distinct().ToList();
        Line($"- {evaluatedProjects.Count} projects from {evaluatedProjects.Select(p => p.Repo).Distinct().Count()} repositories compiled; {report.NotEvaluated.Count} sites not evaluated");
        foreach (var warning in report.Warnings)
        {
            Line($"- warning: {warning}");
        }

        foreach (var mode in report.Modes)
        {
            Line();
            Line($"## Mode: {mode.Mode}");
            Line();
            Line("| Rule | Sites | TP | FP (unlabelled, hard) | FN | TN | Precision | Recall |");
            Line("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var score in mode.Rules.Append(mode.Overall))
            {
                var name = score.Rule == "overall" ? "**overall**" : score.Rule;
                Line($"| {name} | {score.Sites} | {score.TruePositives} | {score.FalsePositives} ({score.UnlabelledDiagnostics}, {score.HardFalsePositives}) | {score.FalseNegatives} | {score.TrueNegatives} | {F(score.Precision)} | {F(score.Recall)} |");
            }

            Line();
            Line($"### False positives ({mode.FalsePositives.Count})");
            Line();
            foreach (var fp in mode.FalsePositives)
            {
                var label = fp.Expected is null ? "unlabelled" : fp.Hard ? "no-flag, hard" : "no-flag";
                Line($"- {fp.Rule} {fp.Repo} `{fp.Path}:{fp.Line}` ({label}; project `{fp.Project}`): {fp.Reason} — says: {fp.Message}");
            }

            Line();
            Line($"### False negatives ({mode.FalseNegatives.Count})");
            Line();
            foreach (var fn in mode.FalseNegatives)
            {
                Line($"- {fn.Rule} {fn.Repo} `{fn.Path}:{fn.Line}` (project `{fn.Project}`): {fn.Reason}");
            }

            Line();
            Line($"### AD0001 analyzer exceptions ({mode.Failures.Count})");
            Line();
            foreach (var failure in mode.Failures)
            {
                Line($"- {failure.Analyzer} in {failure.Repo} `{failure.Project}`: {failure.Message}");
            }

            Line();
            Line("### Cost (own execution time summed over the mode's projects)");
            Line();
            var cost = mode.Cost;
            if (cost.Meziantou.Count > 0)
            {
                Line($"Meziantou.Analyzer: {cost.Meziantou.Count} analyzers with a rule on by default; median {F(cost.MeziantouMedianMs, "F1")} ms, max {F(cost.MeziantouMaxMs, "F1")} ms ({cost.MeziantouMaxAnalyzer}); median of the {CostReport.ComparableMeziantou.Count} comparable ones measured by tests/OpsKit.Benchmarks: {F(cost.ComparableMedianMs, "F1")} ms.");
                Line();
            }
            else
            {
                Line("Meziantou.Analyzer did not run in this mode (it runs in the last mode measured, or not at all with --no-meziantou).");
                Line();
            }

            Line("| OpsKit analyzer | Total ms | Ratio to Meziantou median | Ratio to comparable median |");
            Line("|---|---:|---:|---:|");
            foreach (var analyzer in cost.OpsKit)
            {
                Line($"| {analyzer.Analyzer} | {F(analyzer.TotalMs, "F1")} | {F(analyzer.RatioToMeziantouMedian)} | {F(analyzer.RatioToComparableMedian)} |");
            }

            if (cost.Meziantou.Count > 0)
            {
                Line();
                Line("<details><summary>Meziantou analyzers</summary>");
                Line();
                Line("| Meziantou analyzer | Total ms |");
                Line("|---|---:|");
                foreach (var analyzer in cost.Meziantou)
                {
                    Line($"| {analyzer.Analyzer} | {F(analyzer.TotalMs, "F1")} |");
                }

                Line();
                Line("</details>");
            }
        }

        Line();
        Line("## Corpus");
        Line();
        var totalSites = report.Corpus.Sum(c => c.Sites);
        var noFlag = report.Corpus.Sum(c => c.NoFlagSites);
        var hard = report.Corpus.Sum(c => c.HardSites);
        Line($"{report.Corpus.Count} repositories, {report.Corpus.Sum(c => c.Projects)} labelled projects, {totalSites} sites ({report.Corpus.Sum(c => c.FlagSites)} flag, {noFlag} no-flag of which {hard} hard: {(noFlag == 0 ? "n/a" : ((double)hard / noFlag).ToString("P0", CultureInfo.InvariantCulture))}).");
        Line();
        Line("| Repository | Commit | Projects | Sites | Flag | No-flag (hard) |");
        Line("|---|---|---:|---:|---:|---:|");
        foreach (var c in report.Corpus)
        {
            Line($"| {c.Repo} | `{c.Commit}` | {c.Projects} | {c.Sites} | {c.FlagSites} | {c.NoFlagSites} ({c.HardSites}) |");
        }

        Line();
        Line("## Projects");
        Line();
        Line("| Repo | Project | Mode | SDK | Output | Test | Files | CS errors (top) | Packages restored / dropped | Compile s | Analyze s |");
        Line("|---|---|---|---|---|---|---:|---|---|---:|---:|");
        foreach (var p in report.Projects)
        {
            if (p.Error is not null)
            {
                Line($"| {p.Repo} | `{p.Project}` | {p.Mode} | | | | | **not compiled: {p.Error}** | | | |");
                continue;
            }

            var top = string.Join(" ", p.TopErrors.Select(e => $"{e.Key}×{e.Value}"));
            var packages = p.Mode == "half" ? $"({p.PackagesRequested} not used)" : $"{p.PackagesRestored.Count} / {p.PackagesDropped.Count}" + (p.PackagesDropped.Count > 0 ? $" ({string.Join(", ", p.PackagesDropped.Take(4))}{(p.PackagesDropped.Count > 4 ? $", +{p.PackagesDropped.Count - 4} more" : string.Empty)})" : string.Empty) + (p.RestoreFailure is null ? string.Empty : $" restore failed: {p.RestoreFailure}");
            var broken = p.BrokenReferences.Count > 0 ? $"; broken refs: {string.Join(", ", p.BrokenReferences)}" : string.Empty;
            Line($"| {p.Repo} | `{p.Project}` | {p.Mode} | {p.Sdk} | {p.OutputType} | {(p.IsTestProject ? "yes" : string.Empty)} | {p.Files} | {p.CompilerErrors} {top}{broken} | {packages} | {F(p.CompileSeconds, "F1")} | {F(p.AnalyzeSeconds, "F1")} |");
        }

        var notes = report.Projects.Where(p => p.Mode == report.Modes.FirstOrDefault()?.Mode && p.Warnings.Count > 0).ToList();
        if (notes.Count > 0)
        {
            Line();
            Line("## Project file notes");
            Line();
            foreach (var p in notes)
            {
                Line($"- {p.Repo} `{p.Project}`: {string.Join("; ", p.Warnings)}");
            }
        }

        if (report.NotEvaluated.Count > 0)
        {
            Line();
            Line($"## Sites not evaluated ({report.NotEvaluated.Count})");
            Line();
            foreach (var site in report.NotEvaluated)
            {
                Line($"- {site.Rule} {site.Repo} `{site.Path}:{site.Line}` (project `{site.Project}`): {site.Message}");
            }
        }

        return md.ToString();
    }
}
