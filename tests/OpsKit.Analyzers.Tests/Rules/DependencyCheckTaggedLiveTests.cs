using OpsKit.Analyzers.Rules;
using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.DependencyCheckTaggedLiveAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

public sealed class DependencyCheckTaggedLiveTests
{
    private static readonly TestProject WithPackages = TestProject.WebApp with { AdditionalReferences = [.. HealthCheckPackages.All] };

    [Fact]
    public Task Redis_check_tagged_live_is_reported_on_the_tag()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: ["live"])
                .AddRedis("localhost:6379", tags: ["ready", [|"live"|]]);
            var app = builder.Build();
            app.MapHealthChecks("/health/live");
            app.Run();
            """, WithPackages);

    [Fact]
    public Task Database_and_HTTP_checks_tagged_liveness_are_reported()
        => Verify.VerifyAsync("""
            using System.Collections.Generic;

            public static class Health
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHealthChecks()
                        .AddNpgSql("Host=db", name: "postgres", tags: new[] { [|"Liveness"|] })
                        .AddUrlGroup(new Uri("https://payments.example.com/health"), tags: new List<string> { [|"live"|], "ready" });
                }
            }
            """, WithPackages with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task A_registration_inside_a_top_level_try_block_is_judged_on_its_own()
        => Verify.VerifyAsync("""
            try
            {
                var builder = WebApplication.CreateBuilder(args);
                var redis = builder.Configuration["Redis"] ?? "localhost";
                builder.Services.AddHealthChecks()
                    .AddRedis(redis, tags: new List<string>() { [|"live"|] })
                    .AddRedis(redis, name: "cache", tags: new List<string> { "ready" });
                var app = builder.Build();
                app.MapGet("/", () => "hello");
                app.Run();
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine(exception.Message);
            }
            """, WithPackages);

    [Fact]
    public Task A_registration_inside_a_lambda_is_reported_with_the_lambda_parameter_bound()
        => Verify.VerifyAsync("""
            public static class HostSetup
            {
                public static IHostBuilder Configure(IHostBuilder host)
                    => host.ConfigureServices((context, services) =>
                    {
                        var connection = context.Configuration["Db"] ?? "Host=db";
                        services.AddHealthChecks().AddNpgSql(connection, tags: [[|"live"|]]);
                    });
            }
            """, WithPackages with { OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task A_live_tag_passed_by_position_is_reported_and_a_check_named_live_is_not()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddRedis("localhost:6379", "redis", null, new[] { [|"live"|] })
                .AddRedis("localhost:6380", name: "live", tags: new[] { "ready" });
            builder.Build().Run();
            """, WithPackages);

    [Fact]
    public Task Overloads_are_told_apart_by_the_arguments_they_take()
        => Verify.VerifyAsync("""
            using System.Collections.Generic;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddBackend("orders", new[] { "live" })
                .AddBackend("orders", 3, new[] { [|"live"|] });
            builder.Build().Run();

            internal static class BackendChecks
            {
                public static IHealthChecksBuilder AddBackend(this IHealthChecksBuilder builder, string name, IEnumerable<string> labels)
                    => builder.AddCheck(name, () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), labels);

                public static IHealthChecksBuilder AddBackend(this IHealthChecksBuilder builder, string name, int retries, IEnumerable<string> tags)
                    => builder.AddRedis("localhost", name: name, tags: tags);
            }
            """, WithPackages);

    [Fact]
    public Task Dependency_checks_tagged_ready_are_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddRedis("localhost:6379", tags: ["ready"])
                .AddNpgSql("Host=db", tags: ["ready", "db"]);
            builder.Build().Run();
            """, WithPackages);

    [Fact]
    public Task Process_local_and_custom_checks_tagged_live_are_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddProcessAllocatedMemoryHealthCheck(1024, tags: ["live"])
                .AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: new[] { "live" });
            builder.Build().Run();
            """, WithPackages);

    [Fact]
    public Task Tags_from_a_variable_are_not_guessed()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            string[] liveTags = ["live"];
            builder.Services.AddHealthChecks().AddRedis("localhost", tags: liveTags);
            builder.Build().Run();
            """, WithPackages);

    [Fact]
    public Task Options_add_dependency_methods_and_live_tags()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddLegacyDatabase(tags: [[|"probe-live"|], "live"]);
            builder.Build().Run();

            internal static class LegacyChecks
            {
                public static IHealthChecksBuilder AddLegacyDatabase(this IHealthChecksBuilder builder, IEnumerable<string>? tags = null) => builder;
            }
            """, WithPackages
                .WithOption(DependencyCheckTaggedLiveAnalyzer.DependencyMethodsOption, "AddLegacyDatabase")
                .WithOption(DependencyCheckTaggedLiveAnalyzer.LiveTagsOption, "probe-live"));

    [Fact]
    public Task Test_project_is_silent()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddRedis("localhost", tags: ["live"]);
            builder.Build().Run();
            """, WithPackages with { IsTest = true });

    [Fact]
    public Task Project_without_health_checks_is_silent()
        => Verify.VerifyAsync("Console.WriteLine(\"live\");", TestProject.BareConsole);

    [Fact]
    public Task Half_broken_compilation_does_not_throw_and_still_reports_the_dependency_checks_by_name()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddRedis(Missing.Connection, tags: [[|"live"|], Missing.Tag]).AddKafka(tags: ["live"]);
            builder.Build().Run();
            """, WithPackages);
}
