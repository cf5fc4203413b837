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
    public void Markup_parses_default_and_explicit_ids()
    {
        var (source, spans) = Markup.Parse("a[|b|]c{|OPS0002:d|}e");
        Assert.Equal("abcde", source);
        Assert.Equal([(null, new Microsoft.CodeAnalysis.Text.TextSpan(1, 1)), ("OPS0002", new Microsoft.CodeAnalysis.Text.TextSpan(3, 1))], spans);
    }
}
