using System.Diagnostics;
using System.Globalization;
using OpsKit.Analyzers.Field.Analysis;
using OpsKit.Analyzers.Field.Building;
using OpsKit.Analyzers.Field.Labels;
using OpsKit.Analyzers.Field.Reporting;

namespace OpsKit.Analyzers.Field;

/// <summary>One measurement: every labelled project compiled once per mode, all selected analyzers run on it, then scored.</summary>
internal sealed class FieldRun(FieldOptions options, TextWriter log)
{
    public async Task<FieldReport> RunAsync(IReadOnlyList<LabelSite> allSites, string commandLine, AnalyzerSet? given = null)
    {
        var wall = Stopwatch.StartNew();
        var warnings = new List<string>();
        var meziantouPath = options.Meziantou ? Path.Combine(AppContext.BaseDirectory, "meziantou", "Meziantou.Analyzer.dll") : null;
        var analyzers = given ?? AnalyzerSet.Load(options.AnalyzersPath, meziantouPath, options.Rules);
        log.WriteLine($"analyzers: {analyzers.OpsKit.Length} OpsKit ({string.Join(", ", analyzers.Rules.Order(StringComparer.Ordinal))}), {analyzers.Meziantou.Length} Meziantou");

        var unknownRules = allSites.Select(s => s.Rule).Distinct(StringComparer.Ordinal).Where(r => !analyzers.Rules.Contains(r) && options.Rules is null).ToList();
        if (unknownRules.Count > 0)
        {
            warnings.Add($"labels for rules the analyzer assembly does not have (ignored): {string.Join(", ", unknownRules)}");
        }

        var sites = allSites
            .Where(s => analyzers.Rules.Contains(s.Rule))
            .Where(s => options.Repos is null || options.Repos.Contains(s.Repo))
            .ToList();
        // With --every-project the selected rules run on every labelled project (their cost on the whole corpus), while
        // only their own sites are scored.
        var projectSites = options.EveryProject
            ? [.. allSites.Where(s => options.Repos is null || options.Repos.Contains(s.Repo))]
            : sites;
        foreach (var duplicate in sites.GroupBy(s => (s.Rule, s.Repo, s.Project, s.Path, s.Line)).Where(g => g.Count() > 1))
        {
            warnings.Add($"{duplicate.Key.Rule} labels {duplicate.Key.Repo} {duplicate.Key.Path}:{duplicate.Key.Line} in {duplicate.Key.Project} {duplicate.Count()} times");
        }

        var restorer = new PackageRestorer(options.CacheDirectory, log);
        var compiler = new ProjectCompiler(restorer, analyzers.ForcedDiagnostics);
        var runner = new AnalysisRunner(analyzers, options.Runs, options.Order);
        var projects = new List<ProjectReport>();
        var notEvaluated = new List<SiteReport>();
        var evaluated = new HashSet<(string Repo, string Project)>();
        var diagnostics = options.Modes.ToDictionary(m => m, _ => new List<ReportedDiagnostic>());
        var failures = options.Modes.ToDictionary(m => m, _ => new List<FailureReport>());
        var times = options.Modes.ToDictionary(m => m, _ => new Dictionary<string, double>(StringComparer.Ordinal));
        var warmedUp = false;
        var corpus = new List<CorpusEntry>();

        // Meziantou only serves the cost comparison: it runs in one mode, restored when measured (an IDE's usual state).
        var meziantouMode = analyzers.Meziantou.IsEmpty ? (CompileMode?)null : options.Modes[^1];

        foreach (var repoSites in projectSites.GroupBy(s => s.Repo, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            var repo = repoSites.Key;
            var repoRoot = Path.Combine(options.CorpusRoot, repo.Replace('/', '+'));
            log.WriteLine($"{repo}");
            if (!Directory.Exists(repoRoot))
            {
                warnings.Add($"{repo}: not in the corpus ({repoRoot}); run corpus.sh");
                notEvaluated.AddRange(repoSites.Select(s => NotEvaluated(s, "repository not in the corpus")));
                continue;
            }

            var commitFile = Path.Combine(repoRoot, ".field-commit");
            var commit = File.Exists(commitFile) ? File.ReadAllText(commitFile).Trim() : string.Empty;
            corpus.Add(new CorpusEntry(
                repo,
                commit,
                repoSites.Select(s => s.Project).Distinct(StringComparer.Ordinal).Count(),
                repoSites.Count(),
                repoSites.Count(s => s.ExpectsFlag),
                repoSites.Count(s => !s.ExpectsFlag),
                repoSites.Count(s => !s.ExpectsFlag && s.Hard)));
            foreach (var other in repoSites.Select(s => s.Commit).Distinct(StringComparer.OrdinalIgnoreCase).Where(c => c.Length > 0 && !c.Equals(commit, StringComparison.OrdinalIgnoreCase)))
            {
                warnings.Add($"{repo}: labels name commit {other}, the corpus holds {(commit.Length > 0 ? commit : "an unknown commit")}");
            }

            foreach (var mode in options.Modes)
            {
                if (mode == CompileMode.Restored)
                {
                    try
                    {
                        var restore = compiler.RestoreRepository(repoSites.Select(s => Path.GetFullPath(Path.Combine(repoRoot, s.Project))).Distinct(StringComparer.Ordinal).Where(File.Exists));
                        log.WriteLine($"  restore: {restore.Restored.Count} packages restored, {restore.Dropped.Count} dropped{(restore.Failure is null ? string.Empty : ", failed: " + restore.Failure)}");
                    }
                    catch (Exception ex)
                    {
                        warnings.Add($"{repo}: restore failed: {ex.GetType().Name}: {ex.Message}");
                    }
                }

                foreach (var project in repoSites.Select(s => s.Project).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    var projectPath = Path.Combine(repoRoot, project);
                    var stopwatch = Stopwatch.StartNew();
                    CompiledProject compiled;
                    try
                    {
                        if (!File.Exists(projectPath))
                        {
                            throw new IOException($"no project file {project} in the corpus tree");
                        }

                        compiled = compiler.Compile(Path.GetFullPath(projectPath), mode);
                    }
                    catch (Exception ex)
                    {
                        // One project the runner cannot read must not cost the whole measurement.
                        projects.Add(new ProjectReport { Repo = repo, Project = project, Mode = Name(mode), Error = $"{ex.GetType().Name}: {ex.Message}" });
                        if (mode == options.Modes[0])
                        {
                            notEvaluated.AddRange(repoSites.Where(s => s.Project == project).Select(s => NotEvaluated(s, ex.Message)));
                        }

                        continue;
                    }

                    var compileSeconds = stopwatch.Elapsed.TotalSeconds;
                    if (!warmedUp)
                    {
                        // JIT and the driver's first-use costs would otherwise land on the first project's analyzers.
                        await runner.WarmUpAsync(compiled).ConfigureAwait(false);
                        warmedUp = true;
                    }

                    stopwatch.Restart();
                    var analysis = await runner.AnalyzeAsync(compiled, withMeziantou: mode == meziantouMode).ConfigureAwait(false);
                    var analyzeSeconds = stopwatch.Elapsed.TotalSeconds;
                    evaluated.Add((repo, project));
                    if (mode == options.Modes[0])
                    {
                        warnings.AddRange(SiteProblems(repoSites.Where(s => s.Project == project), compiled, repoRoot));
                    }

                    foreach (var diagnostic in analysis.Diagnostics)
                    {
                        // A diagnostic without a source location can match no label: it shows up as an unlabelled false positive.
                        var span = diagnostic.Location.GetLineSpan();
                        var inSource = diagnostic.Location.IsInSource;
                        diagnostics[mode].Add(new ReportedDiagnostic(
                            repo,
                            project,
                            diagnostic.Id,
                            inSource ? Path.GetRelativePath(repoRoot, span.Path).Replace('\\', '/') : "(no location)",
                            inSource ? span.StartLinePosition.Line + 1 : 0,
                            diagnostic.GetMessage(CultureInfo.InvariantCulture)));
                    }

                    failures[mode].AddRange(analysis.Failures.Select(f => new FailureReport(repo, project, f.Analyzer, f.Message)));
                    foreach (var (analyzer, ms) in analysis.TimesMs)
                    {
                        times[mode][analyzer] = times[mode].GetValueOrDefault(analyzer) + ms;
                    }

                    var info = compiled.Project;
                    projects.Add(new ProjectReport
                    {
                        Repo = repo,
                        Project = project,
                        Mode = Name(mode),
                        Sdk = info.SdkKind,
                        OutputType = info.OutputType,
                        IsTestProject = info.IsTestProject,
                        Files = info.CompileFiles.Count,
                        CompilerErrors = analysis.CompilerErrors,
                        TopErrors = analysis.TopErrors,
                        PackagesRequested = compiled.Restore?.Requested ?? info.Packages.Count,
                        PackagesRestored = compiled.Restore?.Restored ?? [],
                        PackagesDropped = compiled.Restore?.Dropped ?? [],
                        RestoreFailure = compiled.Restore?.Failure,
                        BrokenReferences = [.. compiled.BrokenReferences.Select(r => Path.GetRelativePath(repoRoot, r))],
                        Warnings = info.Warnings,
                        CompileSeconds = compileSeconds,
                        AnalyzeSeconds = analyzeSeconds,
                        OpsKitMs = analyzers.OpsKit.Select(AnalyzerSet.Name).ToDictionary(n => n, n => Math.Round(analysis.TimesMs.GetValueOrDefault(n), 2), StringComparer.Ordinal),
                    });
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{Name(mode)}] {project}: {info.CompileFiles.Count} files, {analysis.CompilerErrors} errors, {analysis.Diagnostics.Count} OPS diagnostics, compile {compileSeconds:F1} s, analyze {analyzeSeconds:F1} s"));
                }
            }

            compiler.Clear();
        }

        var scoredSites = sites.Where(s => evaluated.Contains((s.Repo, s.Project))).ToList();
        var modes = new List<ModeReport>();
        foreach (var mode in options.Modes)
        {
            var (rules, overall, falsePositives, falseNegatives) = Scorer.Score([.. analyzers.Rules], scoredSites, diagnostics[mode]);
            modes.Add(new ModeReport
            {
                Mode = Name(mode),
                Rules = rules,
                Overall = overall,
                FalsePositives = falsePositives,
                FalseNegatives = falseNegatives,
                Failures = failures[mode],
                Cost = Cost(analyzers, times[mode], withMeziantou: mode == meziantouMode),
                Diagnostics = [.. diagnostics[mode].OrderBy(d => d.Repo, StringComparer.Ordinal).ThenBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line)],
            });
        }

        return new FieldReport
        {
            GeneratedUtc = DateTimeOffset.UtcNow,
            CommandLine = commandLine,
            WallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 1),
            Timing = options.Order == AnalyzerOrder.Fixed
                ? $"fixed order, median of {options.Runs} run(s)"
                : $"shuffled order, mean of {options.Runs} run(s) without the slowest and the fastest",
            AnalyzersPath = options.AnalyzersPath,
            LabelsDirectory = options.LabelsDirectory,
            CorpusRoot = options.CorpusRoot,
            Rules = [.. analyzers.Rules.Order(StringComparer.Ordinal)],
            Corpus = corpus,
            AnalyzerRules = analyzers.OpsKit.ToDictionary(
                AnalyzerSet.Name,
                a => (IReadOnlyList<string>)[.. a.SupportedDiagnostics.Select(d => d.Id).Where(analyzers.Rules.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                StringComparer.Ordinal),
            Modes = modes,
            Projects = projects,
            NotEvaluated = notEvaluated,
            Warnings = warnings,
        };
    }

    private static CostReport Cost(AnalyzerSet analyzers, Dictionary<string, double> totals, bool withMeziantou)
    {
        static double? Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            var middle = sorted.Count / 2;
            return sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        static double? Ratio(double ms, double? median) => median is > 0 ? Math.Round(ms / median.Value, 2) : null;

        var meziantou = analyzers.Meziantou.Where(_ => withMeziantou).Select(AnalyzerSet.Name)
            .Select(name => new AnalyzerCost(name, Math.Round(totals.GetValueOrDefault(name), 1), null))
            .OrderByDescending(c => c.TotalMs)
            .ToList();
        var median = Median(meziantou.Select(c => c.TotalMs));
        var comparable = Median(meziantou.Where(c => CostReport.ComparableMeziantou.Contains(c.Analyzer)).Select(c => c.TotalMs));
        var opsKit = analyzers.OpsKit.Select(AnalyzerSet.Name)
            .Select(name => (Name: name, Ms: totals.GetValueOrDefault(name)))
            .Select(a => new AnalyzerCost(a.Name, Math.Round(a.Ms, 1), Ratio(a.Ms, median), Ratio(a.Ms, comparable)))
            .ToList();
        return new CostReport
        {
            OpsKit = opsKit,
            Meziantou = meziantou,
            MeziantouMedianMs = median is null ? null : Math.Round(median.Value, 1),
            MeziantouMaxMs = meziantou.Count > 0 ? meziantou[0].TotalMs : null,
            MeziantouMaxAnalyzer = meziantou.Count > 0 ? meziantou[0].Analyzer : null,
            ComparableMedianMs = comparable is null ? null : Math.Round(comparable.Value, 1),
        };
    }

    /// <summary>Labels that can never match: the file is not compiled in the labelled project, or the line is past its end.</summary>
    private static IEnumerable<string> SiteProblems(IEnumerable<LabelSite> sites, CompiledProject compiled, string repoRoot)
    {
        var trees = compiled.Compilation.SyntaxTrees.ToDictionary(t => Path.GetRelativePath(repoRoot, t.FilePath).Replace('\\', '/'), StringComparer.Ordinal);
        foreach (var site in sites)
        {
            if (!trees.TryGetValue(site.Path, out var tree))
            {
                yield return $"{site.Rule} {site.Repo} {site.Path}:{site.Line}: the file is not compiled in {site.Project}";
            }
            else if (site.Line < 1 || site.Line > tree.GetText().Lines.Count)
            {
                yield return $"{site.Rule} {site.Repo} {site.Path}:{site.Line}: the file has {tree.GetText().Lines.Count} lines";
            }
        }
    }

    private static SiteReport NotEvaluated(LabelSite site, string why)
        => new(site.Rule, site.Repo, site.Project, site.Path, site.Line, site.Expected, site.Hard, site.Reason, why);

    public static string Name(CompileMode mode) => mode == CompileMode.Half ? "half" : "restored";
}
