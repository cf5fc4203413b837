using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.MissingHealthEndpointAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class MissingHealthEndpointTests
{
    private static readonly TestProject WithThirdParty = TestProject.WebApp with { AdditionalReferences = [Snippets.Serilog, Snippets.ContosoPlatform, Snippets.AspireServiceDefaults] };

    // ---- hosting styles that are reported ----

    [Fact]
    public Task Top_level_program_without_health_endpoint_is_reported_on_Run()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.MapControllers();
            app.[|Run()|];
            """);

    [Fact]
    public Task Top_level_program_with_RunAsync_is_reported_on_RunAsync()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateSlimBuilder(args);
            await using var app = builder.Build();
            app.MapGet("/", () => "hello");
            await app.[|RunAsync()|];
            """);

    [Fact]
    public Task Program_Main_without_health_endpoint_is_reported()
        => Verify.VerifyAsync("""
            namespace Shop.Api;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var app = builder.Build();
                    app.MapGet("/orders", () => Results.Ok());
                    app.[|Run()|];
                }
            }
            """);

    [Fact]
    public Task App_built_but_run_elsewhere_in_the_type_is_reported_on_Build()
        => Verify.VerifyAsync("""
            var app = WebApplication.CreateBuilder(args).[|Build()|];
            app.MapGet("/", () => "ok");
            await StartAsync(app);

            static Task StartAsync(WebApplication app) => app.StartAsync();
            """);

    [Fact]
    public Task Startup_class_without_health_endpoint_is_reported_on_Configure()
        => Verify.VerifyAsync("""
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddControllers();

                public void [|Configure|](IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """ + Snippets.GenericHostProgram);

    [Fact]
    public Task Third_party_middleware_known_not_to_map_health_does_not_hide_the_finding()
        => Verify.VerifyAsync("""
            using Serilog;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseSerilogRequestLogging();
            app.MapGet("/", () => "ok");
            app.[|Run()|];
            """, WithThirdParty);

    // ---- Development-only mappings ----

    [Fact]
    public Task Endpoint_mapped_only_in_Development_is_reported_on_the_mapping()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.[|MapHealthChecks("/health")|];
            }
            app.Run();
            """);

    [Fact]
    public Task Endpoint_mapped_in_the_else_branch_of_not_Development_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }
            else
            {
                app.UseEndpoints(e => e.[|MapHealthChecks("/health")|]);
            }
            app.Run();
            """);

    [Fact]
    public Task Startup_mapping_inside_env_IsDevelopment_is_reported()
        => Verify.VerifyAsync("""
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddHealthChecks();

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment() && app.ApplicationServices is not null)
                    {
                        app.[|UseHealthChecks("/health")|];
                    }
                }
            }
            """ + Snippets.GenericHostProgram);

    [Fact]
    public Task Endpoint_mapped_outside_Development_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.MapHealthChecks("/health");
            }
            app.Run();
            """);

    [Fact]
    public Task Endpoint_mapped_in_both_branches_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.MapHealthChecks("/health").AllowAnonymous();
            }
            else
            {
                app.MapHealthChecks("/health").RequireHost("*:8081");
            }
            app.Run();
            """);

    // ---- compliant code ----

    [Fact]
    public Task MapHealthChecks_in_a_fluent_chain_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
            var app = builder.Build();
            app.MapHealthChecks("/healthz").AllowAnonymous().DisableHttpMetrics();
            app.Run();
            """);

    [Fact]
    public Task MapHealthChecks_on_a_route_group_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            var ops = app.MapGroup("/ops").AllowAnonymous();
            ops.MapHealthChecks("/ready");
            app.Run();
            """);

    [Fact]
    public Task MapOpsHealth_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpsHealth();
            var app = builder.Build();
            app.MapOpsHealth();
            app.Run();
            """, TestProject.WebAppWithOpsKit);

    [Fact]
    public Task UseHealthChecks_middleware_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.UseHealthChecks("/health");
            app.Run();
            """);

    [Fact]
    public Task Startup_with_UseEndpoints_lambda_is_silent()
        => Verify.VerifyAsync("""
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.AddHealthChecks();
                }

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }

                    app.UseRouting();
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.MapControllers();
                        endpoints.MapHealthChecks("/health");
                    });
                }
            }
            """ + Snippets.GenericHostProgram);

    [Fact]
    public Task Helper_method_in_the_same_type_is_followed()
        => Verify.VerifyAsync("""
            namespace Shop.Api;

            public static partial class Program
            {
                public static async Task Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    ConfigureServices(builder.Services);
                    var app = builder.Build();
                    ConfigurePipeline(app);
                    await app.RunAsync();
                }

                private static void ConfigureServices(IServiceCollection services) => services.AddHealthChecks();

                private static void ConfigurePipeline(WebApplication app)
                {
                    app.UseHttpsRedirection();
                    MapProbes(app);
                }

                private static void MapProbes(IEndpointRouteBuilder endpoints) => endpoints.MapHealthChecks("/health");
            }
            """);

    [Fact]
    public Task Local_function_in_top_level_program_is_followed()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            MapOperationalEndpoints(app);
            app.Run();

            static void MapOperationalEndpoints(IEndpointRouteBuilder endpoints)
            {
                endpoints.MapHealthChecks("/health/live");
                endpoints.MapHealthChecks("/health/ready");
            }
            """);

    // ---- hand-written probes ----

    [Fact]
    public Task Hand_written_probe_route_counts_as_a_health_endpoint()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/healthz", () => Results.Ok("ok")).ExcludeFromDescription();
            app.Run();
            """);

    [Fact]
    public Task Route_that_only_contains_ping_inside_a_word_is_not_a_probe()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/api/shipping", () => Results.Ok());
            app.[|Run()|];
            """);

    [Fact]
    public Task Health_controller_in_the_project_counts_as_a_health_endpoint()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();

            [ApiController]
            [Route("[controller]")]
            public sealed class HealthController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => Ok("Healthy");
            }
            """);

    [Fact]
    public Task Startup_filter_registration_keeps_the_rule_silent()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTransient<IStartupFilter, ProbeStartupFilter>();
            var app = builder.Build();
            app.Run();

            internal sealed class ProbeStartupFilter : IStartupFilter
            {
                public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
                    => app => { app.UseHealthChecks("/health"); next(app); };
            }
            """);

    [Fact]
    public Task Startup_filter_registered_through_a_custom_generic_helper_keeps_the_rule_silent()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddProbeFilter<ProbeStartupFilter>();
            var app = builder.Build();
            app.Run();

            internal static class ProbeFilterRegistration
            {
                public static IServiceCollection AddProbeFilter<T>(this IServiceCollection services)
                    where T : class, IStartupFilter
                    => services.AddTransient<IStartupFilter, T>();
            }

            internal sealed class ProbeStartupFilter : IStartupFilter
            {
                public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
                    => app => { app.UseHealthChecks("/health"); next(app); };
            }
            """);

    [Fact]
    public Task Startup_filter_class_registered_as_another_service_is_not_a_startup_filter()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<IClock, ClockAndFilter>();
            var app = builder.Build();
            app.[|Run()|];

            internal interface IClock
            {
                DateTimeOffset Now { get; }
            }

            internal sealed class ClockAndFilter : IClock, IStartupFilter
            {
                public DateTimeOffset Now => DateTimeOffset.UtcNow;

                public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
                    => app => { app.UseHealthChecks("/health"); next(app); };
            }
            """);

    // ---- escape cases: the app goes where the analyzer cannot see ----

    [Fact]
    public Task Extension_method_in_another_type_is_followed_and_maps_nothing()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseApiPipeline();
            app.[|Run()|];

            internal static class PipelineExtensions
            {
                public static WebApplication UseApiPipeline(this WebApplication app)
                {
                    app.UseHttpsRedirection();
                    return app;
                }
            }
            """);

    [Fact]
    public Task Library_method_whose_assembly_cannot_map_health_checks_does_not_hide_the_finding()
        => Verify.VerifyAsync("""
            using Contoso.Platform;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseContosoPlatform();
            app.[|Run()|];
            """, WithThirdParty);

    [Fact]
    public Task App_passed_to_a_constructor_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            new Endpoints(app).Map();
            app.Run();

            internal sealed class Endpoints(IEndpointRouteBuilder routes)
            {
                public void Map() => routes.MapGet("/", () => "ok");
            }
            """);

    [Fact]
    public Task App_returned_from_a_factory_method_is_silent()
        => Verify.VerifyAsync("""
            Shop.Api.AppFactory.Create(args).Run();

            namespace Shop.Api
            {
                public static class AppFactory
            {
                public static WebApplication Create(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    app.MapGet("/", () => "ok");
                    return app;
                }
            }
            }
            """);

    // ---- Aspire: MapDefaultEndpoints lives in the ServiceDefaults project ----

    [Fact]
    public Task Compiled_Aspire_MapDefaultEndpoints_is_taken_as_the_template_and_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.[|MapDefaultEndpoints()|];
            app.Run();
            """, WithThirdParty);

    [Fact]
    public Task Compiled_MapDefaultEndpoints_listed_as_a_mapping_method_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.Run();
            """, WithThirdParty.WithOption("OPS0001.mapping_methods", "MapDefaultEndpoints"));

    [Fact]
    public Task Library_that_builds_the_app_for_its_callers_is_not_judged()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;

            namespace Contoso.Hosting;

            public static class ContosoApp
            {
                public static WebApplication UseContosoDefaults(this WebApplication app)
                {
                    app.UseHttpsRedirection();
                    return app;
                }

                public static WebApplication Create(string[] args)
                {
                    var app = WebApplication.Create(args);
                    app.UseContosoDefaults();
                    return app;
                }
            }
            """, TestProject.Library);

    // ---- escape hatches ----

    [Fact]
    public Task Method_listed_in_mapping_methods_counts_as_a_mapping()
        => Verify.VerifyAsync("""
            using Contoso.Platform;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.[|MapPlatformProbes()|];
            }
            app.Run();
            """, WithThirdParty.WithOption("OPS0001.mapping_methods", "Contoso.Platform.PlatformExtensions.MapPlatformProbes"));

    [Fact]
    public Task User_declared_OpsMapsHealthEndpoints_attribute_counts_as_a_mapping()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.[|MapProbes()|];
            }
            app.Run();

            internal static class Probes
            {
                [OpsKit.OpsMapsHealthEndpoints]
                public static void MapProbes(this IEndpointRouteBuilder endpoints) => endpoints.MapHealthChecks("/health");
            }

            namespace OpsKit
            {
                [AttributeUsage(AttributeTargets.Method)]
                internal sealed class OpsMapsHealthEndpointsAttribute : Attribute;
            }
            """);

    // ---- projects and code the rule does not apply to ----

    private const string NoEndpoint = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        app.Run();
        """;

    [Fact]
    public Task Worker_service_is_silent() => Verify.VerifyAsync(NoEndpoint, TestProject.Worker);

    [Fact]
    public Task Test_project_is_silent() => Verify.VerifyAsync(NoEndpoint, TestProject.TestProjectWithWebSdk);

    [Fact]
    public Task Project_without_the_build_properties_is_silent()
        => Verify.VerifyAsync(NoEndpoint, TestProject.WebApp with { BuildPropertiesVisible = false });

    [Fact]
    public Task Project_without_ASP_NET_Core_is_silent()
        => Verify.VerifyAsync("""
            Console.WriteLine("no web here");
            """, TestProject.BareConsole with { Web = true });

    [Fact]
    public Task Generated_code_is_silent()
        => Verify.VerifyAsync("// <auto-generated/>\n" + NoEndpoint);

    [Fact]
    public Task Half_broken_compilation_does_not_throw()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddNotRestoredPackage();
            var app = builder.Build();
            app.UseNotRestoredMiddleware();
            app.MapHealthChecks("/health", UnknownType.Options);
            app.Run();
            """, TestProject.WebApp);

    [Fact]
    public Task Web_code_without_the_ASP_NET_Core_references_yet_is_silent()
        => Verify.VerifyBrokenAsync(NoEndpoint, TestProject.WebApp with { AspNetCore = false });

    [Fact]
    public Task Half_broken_compilation_still_reports_what_it_can_prove()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddNotRestoredPackage();
            var app = builder.Build();
            app.MapGet("/", () => "ok");
            app.[|Run()|];
            """, TestProject.WebApp);

    [Fact]
    public Task Realistic_large_program_with_composition_and_health_endpoint_is_silent()
        => Verify.VerifyAsync("""
            using System.Text.Json.Serialization;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;
            using Microsoft.Extensions.Diagnostics.HealthChecks;
            using Serilog;

            var builder = WebApplication.CreateBuilder(args);
            builder.Configuration.AddEnvironmentVariables("SHOP_");
            builder.Logging.ClearProviders().AddConsole();
            builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
            builder.Services.AddProblemDetails();
            builder.Services.AddAuthorization();
            builder.Services.AddOutputCache(o => o.AddBasePolicy(p => p.Expire(TimeSpan.FromSeconds(10))));
            builder.Services.AddHealthChecks()
                .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);

            var app = builder.Build();
            app.UseSerilogRequestLogging();
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler();
                app.UseHsts();
            }

            app.UseStatusCodePages();
            app.UseOutputCache();
            app.UseAuthorization();

            var api = app.MapGroup("/api").WithTags("orders");
            api.MapGet("/orders/{id:int}", (int id) => Results.Ok(id)).CacheOutput();
            api.MapPost("/orders", () => Results.Accepted());

            app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
            app.MapHealthChecks("/health/ready");

            await app.RunAsync();

            public partial class Program;
            """, WithThirdParty);
}
