using OpsKit.Analyzers.Rules;
using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UnmappedHealthChecksAnalyzer>;
using VerifyOps0001 = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.MissingHealthEndpointAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class UnmappedHealthChecksTests
{
    private const string RegisteredNotMapped = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.[|AddHealthChecks()|].AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        app.Run();
        """;

    [Fact]
    public Task Top_level_registration_without_mapping_is_reported_on_AddHealthChecks()
        => Verify.VerifyAsync(RegisteredNotMapped);

    [Fact]
    public Task OPS0001_stays_silent_when_OPS0002_reports_the_same_app()
        => VerifyOps0001.VerifyAsync(RegisteredNotMapped.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal));

    [Fact]
    public Task AddOpsHealth_without_mapping_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddOpsHealth()|];
            var app = builder.Build();
            app.Run();
            """, TestProject.WebAppWithOpsKit);

    [Fact]
    public Task Program_Main_registration_in_a_helper_of_the_same_type_is_reported()
        => Verify.VerifyAsync("""
            namespace Shop.Api;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    AddObservability(builder.Services);
                    var app = builder.Build();
                    app.Run();
                }

                private static void AddObservability(IServiceCollection services)
                {
                    services.AddLogging();
                    services.[|AddHealthChecks()|];
                }
            }
            """);

    [Fact]
    public Task Startup_registration_without_mapping_is_reported()
        => Verify.VerifyAsync("""
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.[|AddHealthChecks()|];
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """ + Snippets.GenericHostProgram);

    [Fact]
    public Task User_declared_OpsRegistersHealthChecks_attribute_counts_as_a_registration()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddPlatformHealth()|];
            var app = builder.Build();
            app.Run();

            internal static class PlatformHealth
            {
                [OpsKit.OpsRegistersHealthChecks]
                public static IServiceCollection AddPlatformHealth(this IServiceCollection services)
                {
                    services.AddHealthChecks();
                    return services;
                }
            }

            namespace OpsKit
            {
                [AttributeUsage(AttributeTargets.Method)]
                internal sealed class OpsRegistersHealthChecksAttribute : Attribute;
            }
            """);

    [Fact]
    public Task Method_listed_in_registration_methods_counts_as_a_registration()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddPlatformHealth()|];
            var app = builder.Build();
            app.Run();

            internal static class PlatformHealth
            {
                public static IServiceCollection AddPlatformHealth(this IServiceCollection services) => services;
            }
            """, TestProject.WebApp.WithOption("OPS0002.registration_methods", "AddPlatformHealth"));

    // ---- compliant and escape cases ----

    [Fact]
    public Task Registered_and_mapped_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/health");
            app.Run();
            """);

    [Fact]
    public Task Registered_and_mapped_only_in_Development_is_left_to_OPS0001()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.MapHealthChecks("/health");
            }
            app.Run();
            """);

    [Fact]
    public Task Registration_in_a_service_collection_extension_class_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddInfrastructure();
            var app = builder.Build();
            app.MapHealthChecks("/health");
            app.Run();

            internal static class InfrastructureExtensions
            {
                public static IServiceCollection AddInfrastructure(this IServiceCollection services)
                {
                    services.AddHealthChecks();
                    return services;
                }
            }
            """);

    [Fact]
    public Task App_handed_to_another_type_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.UseProbes();
            app.Run();

            internal static class ProbeExtensions
            {
                public static void UseProbes(this WebApplication app) => app.MapHealthChecks("/health");
            }
            """);

    [Fact]
    public Task App_handed_to_a_helper_that_maps_nothing_is_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddHealthChecks()|];
            var app = builder.Build();
            app.UseTransportSecurity();
            app.Run();

            internal static class SecurityExtensions
            {
                public static void UseTransportSecurity(this WebApplication app)
                {
                    app.UseHsts();
                    app.UseHttpsRedirection();
                }
            }
            """);

    [Fact]
    public Task Alongside_OPS0001_a_helper_chain_that_maps_nothing_is_read_from_its_summaries_and_reported()
        => Verify.VerifyAlongsideAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddHealthChecks()|];
            var app = builder.Build();
            app.UseEdge();
            app.Run();

            internal static class EdgeExtensions
            {
                public static void UseEdge(this WebApplication app)
                {
                    app.UseHsts();
                    app.UseCompression();
                }

                private static void UseCompression(this WebApplication app) => app.UseResponseCompression();
            }
            """, TestProject.WebApp, new MissingHealthEndpointAnalyzer());

    [Fact]
    public Task Alongside_OPS0001_a_helper_chain_that_maps_the_checks_is_read_from_its_summaries_and_silent()
        => Verify.VerifyAlongsideAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.UseEdge();
            app.Run();

            internal static class EdgeExtensions
            {
                public static void UseEdge(this WebApplication app)
                {
                    app.UseHsts();
                    app.UseProbes();
                }

                private static void UseProbes(this WebApplication app) => app.MapHealthChecks("/healthz");
            }
            """, TestProject.WebApp, new MissingHealthEndpointAnalyzer());

    [Fact]
    public Task Worker_service_registering_health_checks_for_a_publisher_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Hosting;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddHealthChecks();
            builder.Build().Run();
            """, TestProject.Worker);

    [Fact]
    public Task Web_test_project_is_silent()
        => Verify.VerifyAsync(RegisteredNotMapped.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal), TestProject.TestProjectWithWebSdk);

    [Fact]
    public Task Project_without_ASP_NET_Core_is_silent()
        => Verify.VerifyAsync("Console.WriteLine(1);", TestProject.BareConsole with { Web = true });

    [Fact]
    public Task Half_broken_mapping_call_keeps_the_rule_silent()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecksUI(setup => setup.UIPath = "/hc-ui");
            app.Run();
            """, TestProject.WebApp);
}
