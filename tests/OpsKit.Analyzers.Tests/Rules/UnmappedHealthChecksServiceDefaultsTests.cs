using OpsKit.Analyzers.Tests.Helpers;
using Fix0002 = OpsKit.Analyzers.Tests.Helpers.CodeFixVerifier<OpsKit.Analyzers.Rules.UnmappedHealthChecksAnalyzer, OpsKit.Analyzers.Rules.UnmappedHealthChecksCodeFix>;
using Verify = OpsKit.Analyzers.Tests.Helpers.AnalyzerVerifier<OpsKit.Analyzers.Rules.UnmappedHealthChecksAnalyzer>;

namespace OpsKit.Analyzers.Tests.Rules;

/// <summary>OPS0002 in a shared library (Aspire's ServiceDefaults): checks registered everywhere, mapped only in Development.</summary>
public sealed class UnmappedHealthChecksServiceDefaultsTests
{
    private static readonly TestProject SharedLibrary = TestProject.Library with { Web = false };

    private static string ServiceDefaults(string mapping) => $$"""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        namespace Shop.Hosting;

        public static class HostingDefaults
        {
            public static IHostApplicationBuilder AddProbeDefaults(this IHostApplicationBuilder builder)
            {
                builder.Services.[|AddHealthChecks()|]
                    .AddCheck("process", () => HealthCheckResult.Healthy(), ["live"]);
                return builder;
            }

            public static WebApplication MapProbeDefaults(this WebApplication app)
            {
                {{mapping}}
                return app;
            }
        }
        """;

    [Fact]
    public Task Library_that_maps_its_checks_only_in_Development_is_reported_on_the_registration()
        => Verify.VerifyAsync(ServiceDefaults("""
            if (app.Environment.IsDevelopment())
            {
                app.MapHealthChecks("/health");
                app.MapHealthChecks("/alive", new() { Predicate = r => r.Tags.Contains("live") });
            }
            """), SharedLibrary);

    [Fact]
    public Task Library_that_maps_its_checks_in_every_environment_is_silent()
        => Verify.VerifyAsync(ServiceDefaults("""
            var probes = app.MapGroup("");
            probes.MapHealthChecks("/health");
            """).Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal), SharedLibrary);

    [Fact]
    public Task Library_that_maps_nothing_is_left_to_the_app()
        => Verify.VerifyAsync(ServiceDefaults("app.UseHttpsRedirection();")
            .Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal), SharedLibrary);

    [Fact]
    public Task No_fix_is_offered_in_the_library()
        => Fix0002.VerifyNoFixAsync(ServiceDefaults("""
            if (app.Environment.IsDevelopment())
            {
                app.MapHealthChecks("/health");
            }
            """), SharedLibrary);
}
