using OpsKit.Analyzers.Field.Labels;

namespace OpsKit.Analyzers.Field.Reporting;

/// <summary>
/// Matches diagnostics to labelled sites: a diagnostic of rule R matches a site of R when it was reported in the
/// compilation of the site's project, in the site's file, starting on the site's line. Flag site matched: true
/// positive, not matched: false negative; no-flag site matched: false positive, not matched: true negative. Every
/// other diagnostic (distinct project, rule, file, line) is a false positive on an unlabelled line.
/// </summary>
internal static class Scorer
{
    public static (List<RuleScore> Rules, RuleScore Overall, List<SiteReport> FalsePositives, List<SiteReport> FalseNegatives) Score(
        IReadOnlyCollection<string> rules,
        IReadOnlyList<LabelSite> sites,
        IReadOnlyList<ReportedDiagnostic> diagnostics)
    {
        var byKey = diagnostics.ToLookup(d => Key(d.Repo, d.Project, d.Rule, d.Path, d.Line), StringComparer.Ordinal);
        var siteKeys = sites.Select(s => Key(s.Repo, s.Project, s.Rule, s.Path, s.Line)).ToHashSet(StringComparer.Ordinal);
        var scores = new List<RuleScore>();
        var falsePositives = new List<SiteReport>();
        var falseNegatives = new List<SiteReport>();
        foreach (var rule in rules.Order(StringComparer.Ordinal))
        {
            int tp = 0, fp = 0, fn = 0, tn = 0, hardFp = 0;
            var ruleSites = sites.Where(s => s.Rule == rule).ToList();
            foreach (var site in ruleSites)
            {
                var matched = byKey[Key(site.Repo, site.Project, site.Rule, site.Path, site.Line)].FirstOrDefault();
                switch (site.ExpectsFlag, matched is not null)
                {
                    case (true, true):
                        tp++;
                        break;
                    case (true, false):
                        fn++;
                        falseNegatives.Add(Report(site, null));
                        break;
                    case (false, true):
                        fp++;
                        hardFp += site.Hard ? 1 : 0;
                        falsePositives.Add(Report(site, matched!.Message));
                        break;
                    default:
                        tn++;
                        break;
                }
            }

            var unlabelled = diagnostics
                .Where(d => d.Rule == rule && !siteKeys.Contains(Key(d.Repo, d.Project, d.Rule, d.Path, d.Line)))
                .DistinctBy(d => Key(d.Repo, d.Project, d.Rule, d.Path, d.Line), StringComparer.Ordinal)
                .OrderBy(d => d.Repo, StringComparer.Ordinal).ThenBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line)
                .ToList();
            falsePositives.AddRange(unlabelled.Select(d => new SiteReport(rule, d.Repo, d.Project, d.Path, d.Line, null, false, "(no label on this line)", d.Message)));
            scores.Add(new RuleScore
            {
                Rule = rule,
                Sites = ruleSites.Count,
                TruePositives = tp,
                FalsePositives = fp + unlabelled.Count,
                FalseNegatives = fn,
                TrueNegatives = tn,
                UnlabelledDiagnostics = unlabelled.Count,
                HardFalsePositives = hardFp,
            });
        }

        var overall = new RuleScore
        {
            Rule = "overall",
            Sites = scores.Sum(s => s.Sites),
            TruePositives = scores.Sum(s => s.TruePositives),
            FalsePositives = scores.Sum(s => s.FalsePositives),
            FalseNegatives = scores.Sum(s => s.FalseNegatives),
            TrueNegatives = scores.Sum(s => s.TrueNegatives),
            UnlabelledDiagnostics = scores.Sum(s => s.UnlabelledDiagnostics),
            HardFalsePositives = scores.Sum(s => s.HardFalsePositives),
        };
        return (scores, overall, falsePositives, falseNegatives);
    }

    private static SiteReport Report(LabelSite site, string? message)
        => new(site.Rule, site.Repo, site.Project, site.Path, site.Line, site.Expected, site.Hard, site.Reason, message);

    private static string Key(string repo, string project, string rule, string path, int line)
        => string.Join('|', repo.ToUpperInvariant(), Normalize(project), rule, Normalize(path), line.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Normalize(string path)
    {
        path = path.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path;
    }
}
