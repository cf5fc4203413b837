using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.MissingHealthEndpointAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>
/// OPS0001 decides from what the methods the app is handed to can do: followed in this compilation, read as syntax
/// in another project of the solution, judged by their assembly's references from metadata, by name when unbound.
/// </summary>
public sealed class MissingHealthEndpointFollowingTests
{
    private static readonly Lazy<MetadataReference> Swagger = new(() => TestReferences.CompileLibrary("Swashbuckle.AspNetCore.SwaggerUI", """
        using Microsoft.AspNetCore.Builder;
        namespace Microsoft.AspNetCore.Builder
        {
            public static class SwaggerUIBuilderExtensions
            {
                public static IApplicationBuilder UseSwaggerUI(this IApplicationBuilder app) => app;
            }
        }
        """));

    // A team's platform package that does map probes: its assembly references the health checks middleware.
    private static readonly Lazy<MetadataReference> ProbingPlatform = new(() => TestReferences.CompileLibrary("Fabrikam.Hosting", """
        using Microsoft.AspNetCore.Builder;
        namespace Fabrikam.Hosting
        {
            public static class HostingExtensions
            {
                public static WebApplication UseFabrikamHosting(this WebApplication app)
                {
                    app.MapHealthChecks("/healthz");
                    return app;
                }
            }
        }
        """));

    private static TestProject With(params MetadataReference[] references) => TestProject.WebApp with { AdditionalReferences = [.. references] };

    /// <summary>A ServiceDefaults project of the same solution, seen as the IDE sees it: a compilation reference.</summary>
    private static MetadataReference ServiceDefaultsProject(bool developmentOnly)
    {
        var body = developmentOnly
            ? "if (app.Environment.IsDevelopment()) { app.MapHealthChecks(\"/health\"); }"
            : "app.MapGroup(\"\").MapHealthChecks(\"/health\");";
        var source = $$"""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;
            namespace Microsoft.Extensions.Hosting
            {
                public static class Extensions
                {
                    public static WebApplication MapDefaultEndpoints(this WebApplication app)
                    {
                        {{body}}
                        return app;
                    }
                }
            }
            """;
        return CSharpCompilation.Create(
                "Shop.ServiceDefaults",
                [CSharpSyntaxTree.ParseText(source, TestCompilation.Parse)],
                [.. TestReferences.NetCore, .. TestReferences.AspNetCore],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .ToMetadataReference();
    }

    [Fact]
    public Task Minimal_API_with_Swagger_and_HTTPS_redirection_only_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseSwaggerUI();
            app.UseHttpsRedirection();
            app.MapGet("/weather", () => "sunny");
            app.[|Run()|];
            """, With(Swagger.Value));

    [Fact]
    public Task Package_whose_assembly_references_the_health_checks_middleware_keeps_the_rule_silent()
        => Verify.VerifyAsync("""
            using Fabrikam.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseFabrikamHosting();
            app.Run();
            """, With(ProbingPlatform.Value));

    [Fact]
    public Task MapDefaultEndpoints_of_a_sibling_project_mapping_only_in_Development_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.[|MapDefaultEndpoints()|];
            app.Run();
            """, With(ServiceDefaultsProject(developmentOnly: true)));

    [Fact]
    public Task MapDefaultEndpoints_of_a_sibling_project_mapping_everywhere_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.Run();
            """, With(ServiceDefaultsProject(developmentOnly: false)));

    [Fact]
    public Task Own_extension_that_maps_in_every_environment_is_followed_and_silent()
        => Verify.VerifyAsync("""
            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseOperationalEndpoints();
                }
            }

            internal static class OperationalExtensions
            {
                public static void UseOperationalEndpoints(this IApplicationBuilder app)
                {
                    app.UseHealthChecks("/healthz");
                    app.UseHealthChecks("/readiness");
                }
            }
            """ + Snippets.GenericHostProgram);

    [Fact]
    public Task Own_extension_that_maps_only_in_Development_is_reported_on_its_call()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.[|MapOperationalEndpoints()|];
            app.Run();

            internal static class OperationalExtensions
            {
                public static WebApplication MapOperationalEndpoints(this WebApplication app)
                {
                    if (app.Environment.IsDevelopment())
                    {
                        app.MapHealthChecks("/health");
                    }

                    return app;
                }
            }
            """);

    [Fact]
    public Task Leftover_Startup_class_that_nothing_uses_is_not_the_app()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/", () => "ok");
            app.[|Run()|];

            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app) => app.UseRouting();
            }
            """);

    [Fact]
    public Task Controller_action_routed_to_alive_counts_as_a_probe()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();

            public sealed class InfoController : Controller
            {
                [HttpGet("~/alive")]
                public DateTime GetAlive() => DateTime.UtcNow;
            }
            """);

    // ---- half-restored compilations: only the name of an unbound call is known ----

    [Fact]
    public Task Unresolved_UseSwagger_does_not_hide_the_finding()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSwaggerGen();
            var app = builder.Build();
            app.UseSwagger();
            app.UseSwaggerUI();
            app.[|Run()|];
            """, TestProject.WebApp);

    [Fact]
    public Task Unresolved_MapDefaultEndpoints_is_the_Aspire_template_and_is_reported()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.[|MapDefaultEndpoints()|];
            app.Run();
            """, TestProject.WebApp);

    [Fact]
    public Task Unresolved_call_whose_name_is_about_probes_keeps_the_rule_silent()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseServiceDefaults();
            await app.RunAsync();
            """, TestProject.WebApp);

    [Fact]
    public Task Unresolved_chain_of_unrelated_middleware_is_reported()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseExceptionHandler().UseOptimisticConcurrencyMiddleware().UseRouting();
            app.[|Run()|];
            """, TestProject.WebApp);
}
