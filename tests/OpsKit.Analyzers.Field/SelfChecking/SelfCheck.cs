using System.Collections.Immutable;
using OpsKit.Analyzers.Field.Analysis;
using OpsKit.Analyzers.Field.Labels;
using OpsKit.Analyzers.Field.Reporting;

namespace OpsKit.Analyzers.Field.SelfChecking;

/// <summary>
/// Proves the runner's plumbing and counting on a corpus with known answers, written to a temporary directory: a web
/// app (implicit usings, a project reference, Compile Remove, a nested project and obj/ files that must not be
/// compiled) and a library, labelled so that each of TP, FP (hard and unlabelled), FN and TN occurs, and one AD0001.
/// </summary>
internal static class SelfCheck
{
    private const string Repo = "self/check";

    public static async Task<int> RunAsync(FieldOptions options, TextWriter log)
    {
        var root = Directory.CreateTempSubdirectory("opskit-field-selfcheck-").FullName;
        try
        {
            var repoRoot = Path.Combine(root, "corpus", "self+check");
            Write(repoRoot, "Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup></Project>""");
            Write(repoRoot, "Lib/Marks.cs", """
                namespace Lib;
                public static class Marks
                {
                    public static void Mark() { }
                    public static void Other() { }
                    public static void Boom() { }
                    public static void Self() => Mark();
                }
                """);
            Write(repoRoot, "App/App.csproj", """
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
                  <ItemGroup><Compile Remove="Excluded/**" /><Using Include="Lib" /></ItemGroup>
                  <ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup>
                </Project>
                """);
            Write(repoRoot, "App/Program.cs", """
                var builder = WebApplication.CreateBuilder(args); var list = new List<int>();
                Marks.Mark();
                Marks.Mark();
                Marks.Mark();
                Marks.Other();
                Marks.Other();
                Marks.Boom();
                builder.Build().Run();
                """);
            Write(repoRoot, "App/Excluded/Ignored.cs", "static class Ignored { static void M() => Lib.Marks.Mark(); }");
            Write(repoRoot, "App/obj/Generated.cs", "static class Generated { static void M() => Lib.Marks.Mark(); }");
            Write(repoRoot, "App/Nested/Nested.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
            Write(repoRoot, "App/Nested/N.cs", "static class N { static void M() => Lib.Marks.Mark(); }");

            LabelSite Site(string project, string path, int line, string expected, bool hard = false) => new()
            {
                Rule = "OPS9901", Repo = Repo, Project = project, Path = path, Line = line, Expected = expected, Hard = hard, Reason = "self-check",
            };
            IReadOnlyList<LabelSite> sites =
            [
                Site("App/App.csproj", "App/Program.cs", 2, "flag"),            // TP
                Site("App/App.csproj", "App/Program.cs", 3, "no-flag", true),   // FP, hard
                                                                                // line 4: FP, unlabelled
                Site("App/App.csproj", "App/Program.cs", 5, "flag"),            // FN
                Site("App/App.csproj", "App/Program.cs", 6, "no-flag"),         // TN
                Site("Lib/Lib.csproj", "Lib/Marks.cs", 7, "flag"),              // FN: a library is not a web app
            ];
            var checkOptions = new FieldOptions
            {
                RepositoryRoot = options.RepositoryRoot,
                LabelsDirectory = "(in memory)",
                CorpusRoot = Path.Combine(root, "corpus"),
                AnalyzersPath = "(self-check analyzer)",
                OutDirectory = root,
                CacheDirectory = Path.Combine(root, "cache"),
                Modes = options.Modes,
                Meziantou = false,
            };
            var report = await new FieldRun(checkOptions, log).RunAsync(sites, "--self-check", AnalyzerSet.Of([new MarkAnalyzer()])).ConfigureAwait(false);
            return Verify(report, log) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static bool Verify(FieldReport report, TextWriter log)
    {
        var ok = true;
        void Check(string what, object expected, object actual)
        {
            var pass = Equals(expected, actual);
            ok &= pass;
            log.WriteLine($"{(pass ? "PASS" : "FAIL")} {what}: expected {expected}, got {actual}");
        }

        Check("modes", report.Modes.Count > 0 ? report.Modes.Count : -1, report.Modes.Count);
        foreach (var mode in report.Modes)
        {
            var score = mode.Rules.Single(r => r.Rule == "OPS9901");
            Check($"[{mode.Mode}] true positives", 1, score.TruePositives);
            Check($"[{mode.Mode}] false positives", 2, score.FalsePositives);
            Check($"[{mode.Mode}] of which unlabelled", 1, score.UnlabelledDiagnostics);
            Check($"[{mode.Mode}] of which hard", 1, score.HardFalsePositives);
            Check($"[{mode.Mode}] false negatives", 2, score.FalseNegatives);
            Check($"[{mode.Mode}] true negatives", 1, score.TrueNegatives);
            Check($"[{mode.Mode}] precision", "0.33", score.Precision?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a");
            Check($"[{mode.Mode}] recall", "0.33", score.Recall?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a");
            Check($"[{mode.Mode}] unlabelled FP is Program.cs:4", "App/Program.cs:4", mode.FalsePositives.Where(f => f.Expected is null).Select(f => $"{f.Path}:{f.Line}").SingleOrDefault() ?? "none");
            Check($"[{mode.Mode}] AD0001 count", 1, mode.Failures.Count);
            Check($"[{mode.Mode}] OPS9901 rule in cost table", true, mode.Cost.OpsKit.Any(c => c.Analyzer == nameof(MarkAnalyzer)));
        }

        foreach (var project in report.Projects)
        {
            Check($"[{project.Mode}] {project.Project} compiles without errors", 0, project.CompilerErrors);
        }

        Check("projects compiled", 4, report.Projects.Count(p => p.Error is null));
        Check("sites not evaluated", 0, report.NotEvaluated.Count);
        log.WriteLine(ok ? "self-check passed" : "self-check FAILED");
        return ok;
    }

    private static void Write(string root, string relativePath, string text)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
