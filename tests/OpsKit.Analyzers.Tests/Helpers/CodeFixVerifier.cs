using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace OpsKit.Analyzers.Tests.Helpers;

/// <summary>
/// Runs a code fix in an AdhocWorkspace: the single fix (chosen by equivalence key when several are offered) or
/// FixAll in the document, compares the text, and checks the result compiles and is different from the input.
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFix : CodeFixProvider, new()
{
    public static Task VerifyFixAsync(string markup, string expected, TestProject project, string? equivalenceKey = null)
        => RunAsync(markup, expected, project, equivalenceKey, fixAll: false);

    public static Task VerifyFixAllAsync(string markup, string expected, TestProject project, string? equivalenceKey = null)
        => RunAsync(markup, expected, project, equivalenceKey, fixAll: true);

    /// <summary>The diagnostics match the markup, and no fix (or none with the given key) is offered for any of them.</summary>
    public static async Task VerifyNoFixAsync(string markup, TestProject project, string? equivalenceKey = null)
    {
        var (document, diagnostics) = await PrepareAsync(markup, project);
        Assert.NotEmpty(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            var actions = await GetActionsAsync(document, diagnostic);
            Assert.Empty(actions.Where(a => equivalenceKey is null || a.EquivalenceKey == equivalenceKey).Select(a => a.Title));
        }
    }

    /// <summary>The titles of the fixes offered for the first diagnostic.</summary>
    public static async Task<IReadOnlyList<string>> GetFixTitlesAsync(string markup, TestProject project)
    {
        var (document, diagnostics) = await PrepareAsync(markup, project);
        var actions = await GetActionsAsync(document, diagnostics[0]);
        return [.. actions.Select(a => a.Title)];
    }

    private static async Task RunAsync(string markup, string expected, TestProject project, string? equivalenceKey, bool fixAll)
    {
        var (document, diagnostics) = await PrepareAsync(markup, project);
        Assert.NotEmpty(diagnostics);
        var fix = new TFix();
        CodeAction action;
        if (fixAll)
        {
            var key = equivalenceKey ?? (await GetActionsAsync(document, diagnostics[0])).Single().EquivalenceKey;
            var provider = fix.GetFixAllProvider() ?? throw new XunitException("The fix has no FixAll provider.");
            var context = new FixAllContext(document, fix, FixAllScope.Document, key, fix.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
            action = await provider.GetFixAsync(context) ?? throw new XunitException("FixAll produced no action.");
        }
        else
        {
            var actions = await GetActionsAsync(document, diagnostics[0]);
            action = equivalenceKey is null
                ? Assert.Single(actions)
                : actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey)
                    ?? throw new XunitException($"No fix with key '{equivalenceKey}'. Offered: {string.Join(", ", actions.Select(a => a.EquivalenceKey))}");
        }

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var newDocument = changed.GetDocument(document.Id)!;
        var actual = (await newDocument.GetTextAsync()).ToString();
        var original = (await document.GetTextAsync()).ToString();
        Assert.NotEqual(original, actual);
        Assert.Equal(Normalize(expected), Normalize(actual));
        var compilation = (await newDocument.Project.GetCompilationAsync())!;
        TestCompilation.AssertCompiles(compilation);
    }

    private static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> PrepareAsync(string markup, TestProject project)
    {
        var (source, expectedSpans) = Markup.Parse(markup);
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "TestProject",
            "TestProject",
            LanguageNames.CSharp,
            compilationOptions: TestCompilation.CompilationOptions(project),
            parseOptions: TestCompilation.Parse,
            metadataReferences: TestReferences.For(project)));
        DocumentId? mainId = null;
        foreach (var (path, text) in TestCompilation.Files(source, project))
        {
            var id = DocumentId.CreateNewId(projectId);
            mainId ??= id;
            solution = solution.AddDocument(id, Path.GetFileName(path), SourceText.From(text, Encoding.UTF8), filePath: path);
        }

        var document = solution.GetDocument(mainId!)!;
        var compilation = (await document.Project.GetCompilationAsync())!;
        TestCompilation.AssertCompiles(compilation);
        var analyzer = new TAnalyzer();
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, analyzer, project);
        var tree = await document.GetSyntaxTreeAsync();
        AnalyzerVerifier<TAnalyzer>.AssertDiagnostics(analyzer, tree!, expectedSpans, diagnostics);
        return (document, [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start)]);
    }

    private static async Task<List<CodeAction>> GetActionsAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
        await new TFix().RegisterCodeFixesAsync(context);
        return actions;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
