using OpsKit.Analyzers.Rules;
using OpsKit.Analyzers.Tests.Helpers;
using Fix0001 = OpsKit.Analyzers.Tests.Helpers.CodeFixVerifier<OpsKit.Analyzers.Rules.MissingHealthEndpointAnalyzer, OpsKit.Analyzers.Rules.MissingHealthEndpointCodeFix>;
using Fix0002 = OpsKit.Analyzers.Tests.Helpers.CodeFixVerifier<OpsKit.Analyzers.Rules.UnmappedHealthChecksAnalyzer, OpsKit.Analyzers.Rules.UnmappedHealthChecksCodeFix>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class HealthEndpointCodeFixTests
{
    private const string NoEndpoint = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = builder.Build();
        app.MapControllers();

        app.[|Run()|];
        """;

    [Fact]
    public Task OPS0001_fix_adds_AddOpsHealth_and_MapOpsHealth_when_OpsKit_is_referenced()
        => Fix0001.VerifyFixAsync(NoEndpoint, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddOpsHealth();
            var app = builder.Build();
            app.MapControllers();
            app.MapOpsHealth();

            app.Run();
            """, TestProject.WebAppWithOpsKit, MissingHealthEndpointCodeFix.OpsKitKey);

    [Fact]
    public Task OPS0001_fix_adds_AddHealthChecks_and_MapHealthChecks_without_OpsKit()
        => Fix0001.VerifyFixAsync(NoEndpoint, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapControllers();
            app.MapHealthChecks("/health");

            app.Run();
            """, TestProject.WebApp, MissingHealthEndpointCodeFix.HealthChecksKey);

    [Fact]
    public async Task OPS0001_fix_title_names_the_API_it_uses()
    {
        Assert.Equal(["Add AddOpsHealth() and map it with MapOpsHealth()"], await Fix0001.GetFixTitlesAsync(NoEndpoint, TestProject.WebAppWithOpsKit));
        Assert.Equal(["Add AddHealthChecks() and map it with MapHealthChecks(\"/health\")"], await Fix0001.GetFixTitlesAsync(NoEndpoint, TestProject.WebApp));
    }

    [Fact]
    public Task OPS0001_fix_in_Program_Main_keeps_indentation()
        => Fix0001.VerifyFixAsync("""
            public static class Program
            {
                public static async Task Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var app = builder.Build();
                    await app.[|RunAsync()|];
                }
            }
            """, """
            public static class Program
            {
                public static async Task Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddOpsHealth();
                    var app = builder.Build();
                    app.MapOpsHealth();
                    await app.RunAsync();
                }
            }
            """, TestProject.WebAppWithOpsKit);

    [Fact]
    public Task OPS0001_FixAll_fixes_every_app_in_the_document()
        => Fix0001.VerifyFixAllAsync("""
            public static class PublicApi
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var app = builder.Build();
                    app.[|Run()|];
                }
            }

            public static class AdminApi
            {
                public static void Start(string[] args)
                {
                    var adminBuilder = WebApplication.CreateBuilder(args);
                    var admin = adminBuilder.Build();
                    admin.[|Run("http://localhost:5001")|];
                }
            }
            """, """
            public static class PublicApi
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddHealthChecks();
                    var app = builder.Build();
                    app.MapHealthChecks("/health");
                    app.Run();
                }
            }

            public static class AdminApi
            {
                public static void Start(string[] args)
                {
                    var adminBuilder = WebApplication.CreateBuilder(args);
                    adminBuilder.Services.AddHealthChecks();
                    var admin = adminBuilder.Build();
                    admin.MapHealthChecks("/health");
                    admin.Run("http://localhost:5001");
                }
            }
            """, TestProject.WebApp);

    [Fact]
    public Task OPS0001_no_fix_for_a_Development_only_mapping()
        => Fix0001.VerifyNoFixAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.[|MapHealthChecks("/health")|];
            }
            app.Run();
            """, TestProject.WebApp);

    [Fact]
    public Task OPS0001_no_fix_for_a_Startup_class()
        => Fix0001.VerifyNoFixAsync("""
            public sealed class Startup
            {
                public void [|Configure|](IApplicationBuilder app) => app.UseRouting();
            }
            """ + Snippets.GenericHostProgram, TestProject.WebApp);

    [Fact]
    public Task OPS0001_no_fix_when_the_app_is_not_a_local()
        => Fix0001.VerifyNoFixAsync("""
            WebApplication.CreateBuilder(args).Build().[|Run()|];
            """, TestProject.WebApp);

    [Fact]
    public Task OPS0002_fix_maps_the_checks_before_Run()
        => Fix0002.VerifyFixAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddHealthChecks()|];
            var app = builder.Build();
            app.Run();
            """, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/health");
            app.Run();
            """, TestProject.WebApp);

    [Fact]
    public Task OPS0002_fix_uses_MapOpsHealth_for_AddOpsHealth()
        => Fix0002.VerifyFixAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddOpsHealth()|];
            var app = builder.Build();
            app.Run();
            """, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpsHealth();
            var app = builder.Build();
            app.MapOpsHealth();
            app.Run();
            """, TestProject.WebAppWithOpsKit);

    [Fact]
    public Task OPS0002_FixAll_maps_once_for_several_registrations()
        => Fix0002.VerifyFixAllAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddHealthChecks()|];
            builder.Services.[|AddHealthChecks()|].AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
            var app = builder.Build();
            app.Run();
            """, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            builder.Services.AddHealthChecks().AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
            var app = builder.Build();
            app.MapHealthChecks("/health");
            app.Run();
            """, TestProject.WebApp);

    [Fact]
    public Task OPS0002_no_fix_in_a_Startup_class()
        => Fix0002.VerifyNoFixAsync("""
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.[|AddHealthChecks()|];

                public void Configure(IApplicationBuilder app) => app.UseRouting();
            }
            """ + Snippets.GenericHostProgram, TestProject.WebApp);
}
