using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace OpsKit.Analyzers.Tests.Helpers;

/// <summary>
/// Compiles a snippet against real reference assemblies, fails when it does not compile, runs one analyzer and
/// compares the diagnostics (id and exact span) with the markup. Analyzer exceptions (AD0001) fail the test.
/// </summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string markup) => VerifyAsync(markup, TestProject.WebApp);

    public static async Task VerifyAsync(string markup, TestProject project)
    {
        var analyzer = new TAnalyzer();
        var (source, expected) = Markup.Parse(markup);
        var compilation = TestCompilation.Create(source, project);
        var actual = await TestCompilation.AnalyzeAsync(compilation, analyzer, project);
        AssertDiagnostics(analyzer, compilation.SyntaxTrees.First(), expected, actual);
    }

    /// <summary>
    /// Runs the analyzer in one driver together with <paramref name="others"/> (rules that share per-compilation work)
    /// and compares only the analyzer's own diagnostics with the markup.
    /// </summary>
    public static async Task VerifyAlongsideAsync(string markup, TestProject project, params DiagnosticAnalyzer[] others)
    {
        var analyzer = new TAnalyzer();
        var (source, expected) = Markup.Parse(markup);
        var compilation = TestCompilation.Create(source, project);
        var all = await TestCompilation.AnalyzeAsync(compilation, [analyzer, .. others], project);
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        AssertDiagnostics(analyzer, compilation.SyntaxTrees.First(), expected, [.. all.Where(d => ids.Contains(d.Id))]);
    }

    /// <summary>
    /// For half-broken compilations (an IDE before restore): the snippet is not required to compile, but the
    /// analyzer must not throw and must report exactly the markup.
    /// </summary>
    public static async Task VerifyBrokenAsync(string markup, TestProject project)
    {
        var analyzer = new TAnalyzer();
        var (source, expected) = Markup.Parse(markup);
        var compilation = TestCompilation.Create(source, project, requireSuccess: false);
        var actual = await TestCompilation.AnalyzeAsync(compilation, analyzer, project);
        AssertDiagnostics(analyzer, compilation.SyntaxTrees.First(), expected, actual);
    }

    internal static void AssertDiagnostics(DiagnosticAnalyzer analyzer, SyntaxTree tree, IReadOnlyList<(string? Id, TextSpan Span)> expected, ImmutableArray<Diagnostic> actual)
    {
        var defaultId = analyzer.SupportedDiagnostics[0].Id;
        var text = tree.GetText();
        var expectedLines = expected
            .OrderBy(e => e.Span.Start)
            .Select(e => Describe(e.Id ?? defaultId, tree.FilePath, e.Span, text))
            .ToList();
        var actualLines = actual
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => Describe(d.Id, d.Location.SourceTree?.FilePath ?? "<no file>", d.Location.SourceSpan, d.Location.SourceTree?.GetText() ?? text))
            .ToList();

        if (!expectedLines.SequenceEqual(actualLines))
        {
            var message = new StringBuilder()
                .AppendLine("Diagnostics differ.")
                .AppendLine("Expected:").AppendLine(string.Join("\n", expectedLines.DefaultIfEmpty("  (none)")))
                .AppendLine("Actual:").AppendLine(string.Join("\n", actual.OrderBy(d => d.Location.SourceSpan.Start).Select(d => "  " + d + "  span " + d.Location.SourceSpan).DefaultIfEmpty("  (none)")));
            throw new XunitException(message.ToString());
        }
    }

    private static string Describe(string id, string path, TextSpan span, SourceText text)
        => $"  {id} {Path.GetFileName(path)} {span} '{text.ToString(span)}'";
}

internal static class TestCompilation
{
    public const string MainFile = "/src/Program.cs";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions(TestProject project)
        => new(project.OutputKind, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false);

    public static CSharpParseOptions Parse => ParseOptions;

    public static IEnumerable<(string Path, string Source)> Files(string source, TestProject project)
    {
        yield return (MainFile, source);
        yield return ("/obj/GlobalUsings.g.cs", project.ImplicitUsings());
        var index = 0;
        foreach (var additional in project.AdditionalSources)
        {
            yield return ($"/src/File{++index}.cs", additional);
        }
    }

    public static CSharpCompilation Create(string source, TestProject project, bool requireSuccess = true)
    {
        var trees = Files(source, project).Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path, Encoding.UTF8));
        var compilation = CSharpCompilation.Create(project.AssemblyName, trees, TestReferences.For(project), CompilationOptions(project));
        if (requireSuccess)
        {
            AssertCompiles(compilation);
        }

        return compilation;
    }

    public static void AssertCompiles(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new XunitException("The snippet does not compile:\n" + string.Join("\n", errors));
        }
    }

    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer, TestProject project)
        => AnalyzeAsync(compilation, [analyzer], project);

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, TestProject project)
    {
        var exceptions = new ConcurrentBag<Exception>();
        var options = new AnalyzerOptions([], new TestAnalyzerConfigOptionsProvider(project.GlobalOptions(), project.EditorConfig));
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(options, (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
        var diagnostics = result.GetAllDiagnostics();
        if (!exceptions.IsEmpty || diagnostics.Any(d => d.Id == "AD0001"))
        {
            throw new XunitException("The analyzer threw (AD0001):\n" + string.Join("\n", exceptions) + string.Join("\n", diagnostics.Where(d => d.Id == "AD0001")));
        }

        AssertCompilationEndTagged(result);
        return diagnostics;
    }

    /// <summary>
    /// A diagnostic that only analysis of the whole compilation produces (from a compilation end action, or outside the
    /// file being analysed) must carry the CompilationEnd tag: live analysis in the IDE runs no end action, and without
    /// the tag the IDE takes an open file's live result as complete and drops the diagnostic the build reported.
    /// </summary>
    private static void AssertCompilationEndTagged(AnalysisResult result)
    {
        var untagged = result.CompilationDiagnostics.Values
            .SelectMany(d => d)
            .Where(d => !d.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
            .ToList();
        if (untagged.Count > 0)
        {
            throw new XunitException("Reported at the end of the compilation without the CompilationEnd tag on its descriptor:\n" + string.Join("\n", untagged));
        }
    }
}
