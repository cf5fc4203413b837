using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.MissingHealthEndpointAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>
/// OPS0001 on the app's own helpers that are decided without binding them (their syntax and the names they call
/// cannot lead to a health endpoint), and on those whose names do lead to one and must still be followed.
/// </summary>
public sealed class MissingHealthEndpointUnboundHelpersTests
{
    /// <summary>Another project of the solution whose UsePlatform maps a probe (the name alone says nothing about health).</summary>
    private static MetadataReference PlatformProject()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            namespace Contoso.Platform
            {
                public static class PlatformExtensions
                {
                    public static WebApplication UsePlatform(this WebApplication app)
                    {
                        app.MapHealthChecks("/healthz");
                        return app;
                    }

                    public static WebApplication UseRequestTiming(this WebApplication app) => app;
                }
            }
            """;
        return CSharpCompilation.Create(
                "Contoso.Platform",
                [CSharpSyntaxTree.ParseText(source, TestCompilation.Parse)],
                [.. TestReferences.NetCore, .. TestReferences.AspNetCore],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .ToMetadataReference();
    }

    [Fact]
    public Task Helper_that_only_adds_framework_middleware_and_seeds_data_is_reported()
        => Verify.VerifyAsync("""
            using Contoso.Platform;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UsePipeline();
            app.[|Run()|];

            internal static class PipelineSetup
            {
                public static WebApplication UsePipeline(this WebApplication app)
                {
                    app.UseHttpsRedirection();
                    app.UseRequestTiming();
                    app.MapGet("/orders", () => "[]");
                    Seed(app);
                    return app;
                }

                private static void Seed(WebApplication app)
                {
                    using var scope = app.Services.CreateScope();
                    _ = new System.Collections.Generic.List<string>(4) { nameof(app) };
                }
            }
            """, TestProject.WebApp with { AdditionalReferences = [PlatformProject()] });

    [Fact]
    public Task Helper_that_maps_a_probe_two_private_calls_deep_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UsePipeline();
            app.Run();

            internal static class PipelineSetup
            {
                public static WebApplication UsePipeline(this WebApplication app)
                {
                    app.UseHttpsRedirection();
                    AddOperationalRoutes(app);
                    return app;
                }

                private static void AddOperationalRoutes(WebApplication app) => AddRoutes(app);

                private static void AddRoutes(WebApplication app) => app.MapHealthChecks("/healthz");
            }
            """);

    [Fact]
    public Task Helper_that_calls_a_sibling_project_method_whose_body_maps_a_probe_is_silent()
        => Verify.VerifyAsync("""
            using Contoso.Platform;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UsePipeline();
            app.Run();

            internal static class PipelineSetup
            {
                public static WebApplication UsePipeline(this WebApplication app)
                {
                    app.UseHttpsRedirection();
                    app.UsePlatform();
                    return app;
                }
            }
            """, TestProject.WebApp with { AdditionalReferences = [PlatformProject()] });

    [Fact]
    public Task Helper_that_hands_the_app_to_a_constructor_keeps_the_rule_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UsePipeline();
            app.Run();

            internal static class PipelineSetup
            {
                public static WebApplication UsePipeline(this WebApplication app)
                {
                    _ = new OperationalRoutes(app);
                    return app;
                }
            }

            internal sealed class OperationalRoutes
            {
                public OperationalRoutes(WebApplication app) => app.MapHealthChecks("/healthz");
            }
            """);
}
