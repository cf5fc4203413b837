using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.MissingHealthEndpointAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>
/// OPS0001 is decided at the end of the compilation from what every method that takes the app did with it: chains of
/// helpers in other types, in any file order, and helpers the declarations do not show as taking the app.
/// </summary>
public sealed class MissingHealthEndpointHelperChainTests
{
    [Fact]
    public Task Chain_of_helpers_whose_last_link_maps_only_in_Development_is_reported_on_the_apps_call()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.[|UsePlatform()|];
            app.Run();

            internal static class PlatformExtensions
            {
                public static WebApplication UsePlatform(this WebApplication app)
                {
                    app.UseHttpsRedirection();
                    app.MapDiagnostics();
                    return app;
                }
            }

            internal static class DiagnosticsExtensions
            {
                public static WebApplication MapDiagnostics(this WebApplication app)
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
    public Task Chain_of_helpers_whose_last_link_maps_everywhere_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UsePlatform();
            app.Run();

            internal static class DiagnosticsExtensions
            {
                public static void MapDiagnostics(IEndpointRouteBuilder endpoints) => endpoints.MapHealthChecks("/healthz");
            }

            internal static class PlatformExtensions
            {
                public static WebApplication UsePlatform(this WebApplication app)
                {
                    app.UseRouting();
                    DiagnosticsExtensions.MapDiagnostics(app);
                    return app;
                }
            }
            """);

    [Fact]
    public Task Chain_of_helpers_that_map_nothing_is_reported_at_Run()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UsePlatform();
            app.[|Run()|];

            internal static class PlatformExtensions
            {
                public static WebApplication UsePlatform(this WebApplication app)
                {
                    app.UseHttpsRedirection();
                    app.UseSecurityHeaders();
                    return app;
                }

                private static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
                    => app.Use(async (context, next) =>
                    {
                        context.Response.Headers["X-Frame-Options"] = "DENY";
                        await next(context);
                    });
            }
            """);

    [Fact]
    public Task Helper_that_takes_the_app_through_a_type_parameter_is_still_followed()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapProbes();
            app.Run();

            internal static class ProbeExtensions
            {
                public static TBuilder MapProbes<TBuilder>(this TBuilder endpoints)
                    where TBuilder : IEndpointRouteBuilder
                {
                    endpoints.MapHealthChecks("/alive");
                    return endpoints;
                }
            }
            """);

    [Fact]
    public Task Helpers_that_recurse_into_each_other_are_decided_without_looping()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseFirst(depth: 3);
            app.[|Run()|];

            internal static class Recursion
            {
                public static IApplicationBuilder UseFirst(this IApplicationBuilder app, int depth)
                    => depth == 0 ? app : app.UseSecond(depth - 1);

                public static IApplicationBuilder UseSecond(this IApplicationBuilder app, int depth)
                    => app.UseFirst(depth);
            }
            """);

    [Fact]
    public Task Controller_action_routed_through_a_constant_to_a_probe_counts_as_one()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();

            public static class Routes
            {
                public const string Liveness = "/probes/liveness";
            }

            public sealed class StatusController : ControllerBase
            {
                [HttpGet(Routes.Liveness)]
                [ProducesResponseType(typeof(string), 200)]
                public string Get() => "up";
            }
            """);

    [Fact]
    public Task Controllers_whose_routes_name_no_probe_do_not_excuse_the_app()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.[|Run()|];

            [Route("api/[controller]")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpGet("{id:int}")]
                [ProducesResponseType(typeof(string), 200)]
                [Produces("application/json")]
                public string Get(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            """);

    [Fact]
    public Task Static_helper_class_without_extension_methods_that_maps_only_in_Development_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            Probes.[|Map(app)|];
            app.Run();

            internal static class Probes
            {
                public static void Map(WebApplication app)
                {
                    if (app.Environment.IsDevelopment())
                    {
                        app.MapHealthChecks("/health");
                    }
                }
            }
            """);

    [Fact]
    public Task Generic_helper_constrained_to_the_route_builder_is_followed()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapProbes();
            app.Run();

            internal static class ProbeExtensions
            {
                public static TBuilder MapProbes<TBuilder>(this TBuilder endpoints)
                    where TBuilder : IEndpointRouteBuilder
                {
                    endpoints.MapHealthChecks("/healthz");
                    return endpoints;
                }
            }
            """);

    [Fact]
    public Task Route_group_handed_as_a_convention_builder_is_not_followed_and_the_app_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGroup("/api").WithTeamConventions();
            app.[|Run()|];

            internal static class ConventionExtensions
            {
                public static TBuilder WithTeamConventions<TBuilder>(this TBuilder builder)
                    where TBuilder : IEndpointConventionBuilder
                    => builder.WithMetadata("team");
            }
            """);
}
