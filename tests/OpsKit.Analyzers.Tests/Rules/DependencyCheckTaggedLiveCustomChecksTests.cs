using Microsoft.CodeAnalysis;
using OpsKit.Analyzers.Tests.Helpers;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.DependencyCheckTaggedLiveAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>OPS0008 on custom check types, on a team's own registration wrappers and on OpsKit's OpsHealthBuilder.</summary>
public sealed class DependencyCheckTaggedLiveCustomChecksTests
{
    // OpsKit's health registration surface as the rule sees it (same type and method names as src/OpsKit).
    private static readonly Lazy<MetadataReference> OpsKitHealth = new(() => TestReferences.CompileLibrary("OpsKit", """
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.DependencyInjection;
        namespace OpsKit.Health
        {
            public sealed class OpsHealthBuilder
            {
                public OpsHealthBuilder(IServiceCollection services) => Services = services;
                public IServiceCollection Services { get; }
            }

            public class OpsHealthCheckOptions
            {
                public IList<string>? Tags { get; set; }
            }

            public sealed class OpsRedisOptions : OpsHealthCheckOptions
            {
                public string Name { get; set; } = "redis";
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class OpsHealthChecks
            {
                public static OpsKit.Health.OpsHealthBuilder AddHttpDependency(this OpsKit.Health.OpsHealthBuilder builder, string name, Uri url, Action<object>? configure = null, bool? critical = null, IEnumerable<string>? tags = null) => builder;
                public static OpsKit.Health.OpsHealthBuilder AddProcessMemory(this OpsKit.Health.OpsHealthBuilder builder, string name = "memory", bool? critical = null, IEnumerable<string>? tags = null) => builder;
                public static OpsKit.Health.OpsHealthBuilder AddRedis(this OpsKit.Health.OpsHealthBuilder builder, Action<OpsKit.Health.OpsRedisOptions>? configure = null, object? serviceKey = null) => builder;
            }
        }
        """));

    private static readonly TestProject WithPackages = TestProject.WebApp with { AdditionalReferences = [.. HealthCheckPackages.All] };

    private const string CheckTypes = """

        internal sealed class RedisRoundTripCheck : IHealthCheck
        {
            public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                => Task.FromResult(HealthCheckResult.Healthy());
        }

        internal sealed class InventoryCheck(HttpClient client) : IHealthCheck
        {
            public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                => Task.FromResult(client.BaseAddress is null ? HealthCheckResult.Degraded() : HealthCheckResult.Healthy());
        }

        internal sealed class StartupCompletedCheck : IHealthCheck
        {
            public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                => Task.FromResult(HealthCheckResult.Healthy());
        }
        """;

    [Fact]
    public Task Custom_check_named_for_a_dependency_tagged_live_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<RedisRoundTripCheck>("redis", tags: new[] { "ready", [|"live"|] });
            builder.Build().Run();
            """ + CheckTypes, WithPackages);

    [Fact]
    public Task Custom_check_that_takes_an_HttpClient_tagged_liveness_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddTypeActivatedCheck<InventoryCheck>("inventory", null, [[|"liveness"|]]);
            builder.Build().Run();
            """ + CheckTypes, WithPackages);

    [Fact]
    public Task Check_instance_named_for_a_dependency_tagged_live_is_reported_next_to_a_silent_delegate_check()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCheck("redis", new RedisRoundTripCheck(), tags: new[] { [|"live"|] })
                .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
            builder.Build().Run();
            """ + CheckTypes, WithPackages);

    [Fact]
    public Task Process_check_tagged_live_is_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCheck<StartupCompletedCheck>("startup", tags: ["live"])
                .AddCheck<RedisRoundTripCheck>("redis", tags: ["ready"]);
            builder.Build().Run();
            """ + CheckTypes, WithPackages);

    [Fact]
    public Task Own_wrapper_that_passes_its_tags_to_a_dependency_check_is_reported_at_the_caller()
        => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCacheProbe("cache", new List<string> { [|"live"|] })
                .AddSelfProbe(new List<string> { "live" });
            builder.Build().Run();

            internal static class ProbeRegistrations
            {
                public static IHealthChecksBuilder AddCacheProbe(this IHealthChecksBuilder builder, string name, IEnumerable<string> tags)
                    => builder.AddRedis("localhost:6379", name, tags: tags);

                public static IHealthChecksBuilder AddSelfProbe(this IHealthChecksBuilder builder, IEnumerable<string> tags)
                    => builder.AddCheck("self", () => HealthCheckResult.Healthy(), tags);
            }
            """, WithPackages);

    [Fact]
    public Task OpsKit_HTTP_dependency_tagged_live_is_reported_and_process_memory_is_not()
        => Verify.VerifyAsync("""
            using OpsKit.Health;

            public static class Health
            {
                public static void Add(OpsHealthBuilder health)
                {
                    health.AddHttpDependency("payments", new Uri("http://127.0.0.1:5999/health"), tags: [[|"live"|]]);
                    health.AddProcessMemory(tags: ["live"]);
                }
            }
            """, TestProject.WebApp with { AdditionalReferences = [OpsKitHealth.Value], OutputKind = OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task OpsKit_Redis_check_with_live_in_its_options_is_reported()
        => Verify.VerifyAsync("""
            using OpsKit.Health;

            public static class Health
            {
                public static void Add(OpsHealthBuilder health)
                    => health.AddRedis(o =>
                    {
                        o.Name = "cache";
                        o.Tags = ["ready", [|"live"|]];
                    });
            }
            """, TestProject.WebApp with { AdditionalReferences = [OpsKitHealth.Value], OutputKind = OutputKind.DynamicallyLinkedLibrary });

    [Fact]
    public Task Unresolved_well_known_dependency_check_tagged_live_is_reported_in_a_half_restored_project()
        => Verify.VerifyBrokenAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var health = builder.Services.AddHealthChecks();
            health.AddSqlServer(_ => "Server=db", name: "orders-db", tags: new string[] { [|"live"|], "ready" });
            health.AddCustomProbe("self", tags: new[] { "live" });
            builder.Build().Run();
            """, TestProject.WebApp);

    // The AspNetCore.HealthChecks.SqlServer package ships an assembly named HealthChecks.SqlServer.
    private static readonly Lazy<MetadataReference> SqlServerPackage = new(() => TestReferences.CompileLibrary("HealthChecks.SqlServer", """
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.Diagnostics.HealthChecks;
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class SqlServerHealthCheckBuilderExtensions
            {
                public static IHealthChecksBuilder AddSqlServer(this IHealthChecksBuilder builder, string connectionString, string? name = default, HealthStatus? failureStatus = default, IEnumerable<string>? tags = default) => builder;
            }
        }
        """));

    [Fact]
    public Task Package_check_from_an_assembly_named_HealthChecks_is_a_dependency_check()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddSqlServer("Server=db", "orders", tags: ["ready", [|"live"|]]);
            builder.Build().Run();
            """, TestProject.WebApp with { AdditionalReferences = [SqlServerPackage.Value] });

    // A package check whose method name is on no list the rule keeps: the referenced assembly's name says what it is.
    private static readonly Lazy<MetadataReference> GraphStorePackage = new(() => TestReferences.CompileLibrary("HealthChecks.GraphStore", """
        using System.Collections.Generic;
        using Microsoft.Extensions.Diagnostics.HealthChecks;
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class GraphStoreHealthCheckBuilderExtensions
            {
                public static IHealthChecksBuilder AddGraphStoreCluster(this IHealthChecksBuilder builder, string endpoint, string? name = default, HealthStatus? failureStatus = default, IEnumerable<string>? tags = default) => builder;
            }
        }
        """));

    [Fact]
    public Task Package_check_with_a_name_on_no_list_is_reported_and_a_live_predicate_in_the_same_file_is_not()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddGraphStoreCluster("http://127.0.0.1:8182", "graph", tags: [[|"live"|]]);
            var app = builder.Build();
            app.MapHealthChecks("/healthz/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
            app.Run();
            """, TestProject.WebApp with { AdditionalReferences = [GraphStorePackage.Value] });
}
