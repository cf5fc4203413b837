using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Tests.Helpers;
using Xunit.Sdk;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.MissingHealthEndpointAnalyzer>;

namespace OpsKit.Analyzers.Tests;

/// <summary>The harness itself: a test must fail when the snippet does not compile or the spans are wrong.</summary>
public sealed class HarnessTests
{
    [Fact]
    public Task Snippet_that_does_not_compile_fails_the_test()
        => Assert.ThrowsAsync<XunitException>(() => Verify.VerifyAsync("var app = WebApplication.CreateBuilder(args).Build(; app.Run();"));

    [Fact]
    public Task Missing_diagnostic_fails_the_test()
        => Assert.ThrowsAsync<XunitException>(() => Verify.VerifyAsync("""
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapHealthChecks("/health");
            app.[|Run()|];
            """));

    [Fact]
    public Task Unexpected_diagnostic_fails_the_test()
        => Assert.ThrowsAsync<XunitException>(() => Verify.VerifyAsync("""
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();
            """));

    [Fact]
    public Task Wrong_span_fails_the_test()
        => Assert.ThrowsAsync<XunitException>(() => Verify.VerifyAsync("""
            var app = WebApplication.CreateBuilder(args).Build();
            [|app.Run()|];
            """));

    [Fact]
    public async Task Diagnostic_reported_at_compilation_end_without_the_CompilationEnd_tag_fails_the_test()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => AnalyzeWithEndReporting(tagged: false));
        Assert.Contains("without the CompilationEnd tag", failure.Message, StringComparison.Ordinal);
        Assert.Contains("TEST0001", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostic_reported_at_compilation_end_with_the_CompilationEnd_tag_is_returned()
        => Assert.Equal("TEST0001", Assert.Single(await AnalyzeWithEndReporting(tagged: true)).Id);

    [Fact]
    public void Markup_parses_default_and_explicit_ids()
    {
        var (source, spans) = Markup.Parse("a[|b|]c{|OPS0002:d|}e");
        Assert.Equal("abcde", source);
        Assert.Equal([(null, new Microsoft.CodeAnalysis.Text.TextSpan(1, 1)), ("OPS0002", new Microsoft.CodeAnalysis.Text.TextSpan(3, 1))], spans);
    }

    private static Task<ImmutableArray<Diagnostic>> AnalyzeWithEndReporting(bool tagged)
        => TestCompilation.AnalyzeAsync(TestCompilation.Create("class Reported { }", TestProject.Library), new EndReportingAnalyzer(tagged), TestProject.Library);

    /// <summary>Reports the class <c>Reported</c> once the compilation is analysed, with or without the CompilationEnd tag.</summary>
#pragma warning disable RS1036, RS1038, RS1041, RS2008 // a test double run by the harness, never loaded by a compiler
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EndReportingAnalyzer(bool tagged) : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _descriptor = new(
            "TEST0001",
            "Reported at compilation end",
            "Reported at compilation end",
            "Test",
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            customTags: tagged ? [WellKnownDiagnosticTags.CompilationEnd] : []);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [_descriptor];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationAction(end =>
            {
                var type = end.Compilation.GetTypeByMetadataName("Reported")!;
                end.ReportDiagnostic(Diagnostic.Create(_descriptor, type.Locations[0]));
            });
        }
    }
#pragma warning restore RS1036, RS1038, RS1041, RS2008
}
