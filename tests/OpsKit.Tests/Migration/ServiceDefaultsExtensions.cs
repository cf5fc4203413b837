using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace OpsKit.Tests.Migration;

/// <summary>
/// An Aspire ServiceDefaults project migrated as docs/migration/from-aspire-servicedefaults.md says: the template's method
/// names and its <c>self</c> check and HttpClient defaults kept, its telemetry and endpoint mapping replaced by OpsKit's.
/// (No service discovery: its package is not pinned in this repository.)
/// </summary>
internal static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpsTelemetry();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(builder.Environment.ApplicationName));
        builder.Services.AddOpsHealth(o => o.Paths.Alive = "/alive");
        builder.AddDefaultHealthChecks();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    /// <summary>The template's body, unchanged: OpsKit's engine runs checks registered through the plain builder too.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapOpsHealth();
        app.MapOpsMetrics();
        return app;
    }
}
