using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What the endpoint rules know about libraries without reading their code. Keep these lists short and
/// documented in docs/rules/OPS0001.md ("What is followed").
/// </summary>
internal static class KnownAssemblies
{
    /// <summary>The assembly that holds MapHealthChecks/UseHealthChecks: a library that maps health endpoints references it.</summary>
    public const string HealthChecksMiddleware = "Microsoft.AspNetCore.Diagnostics.HealthChecks";

    /// <summary>Assemblies (and their sub-assemblies) whose methods never map a health endpoint behind the caller's back.</summary>
    private static readonly string[] NeutralPrefixes =
    [
        "System",
        "mscorlib",
        "netstandard",
        "Microsoft.AspNetCore",
        "Microsoft.Extensions",
        "Microsoft.Identity",
        "Microsoft.IdentityModel",
        "Microsoft.OpenApi",
        "Microsoft.EntityFrameworkCore",
        "Microsoft.ApplicationInsights",
        "Swashbuckle",
        "NSwag",
        "Scalar.AspNetCore",
        "Serilog",
        "OpenTelemetry",
        "Asp.Versioning",
        "Hangfire",
        "Hellang",
        "Elastic.Apm",
        "Sentry",
        "Yarp",
        "Ocelot",
        "Dapr",
        "FluentValidation",
        "MediatR",
        "Duende",
        "IdentityServer4",
        "OpenIddict",
        "AspNetCoreRateLimit",
        "Prometheus",
    ];

    /// <summary>
    /// Extension methods of those packages by simple name: in a half-restored compilation the call does not bind,
    /// and the name is all there is. They do not silence the rule.
    /// </summary>
    private static readonly ImmutableHashSet<string> NeutralMethodNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "UseSwagger", "UseSwaggerUI", "UseSwaggerUi", "UseSwaggerUi3", "UseReDoc", "UseOpenApi", "MapOpenApi", "MapScalarApiReference",
        "UseSerilogRequestLogging", "UseHangfireDashboard", "MapHangfireDashboard", "UseOcelot", "MapReverseProxy", "UseCloudEvents",
        "MapSubscribeHandler", "UseProblemDetails", "UseIpRateLimiting", "UseIdentityServer", "UseMetricServer", "MapMetrics",
        "UseHttpMetrics", "UseElasticApm", "UseSentryTracing", "UseApiVersioning", "UseFastEndpoints", "UseGraphQL", "MapGraphQL");

    public static bool IsNeutral(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return false;
        }

        var name = assembly.Name;
        foreach (var prefix in NeutralPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && (name.Length == prefix.Length || name[prefix.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsNeutralMethodName(string name) => NeutralMethodNames.Contains(name);

    /// <summary>
    /// A name that says the method is about probes (MapDefaultHealthChecks, UseProbes, UseServiceDefaults): an
    /// unresolved call with such a name may map an endpoint, so the rule stays silent.
    /// </summary>
    public static bool SoundsLikeHealth(string name)
        => name.IndexOf("Health", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("Probe", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("Alive", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("Liveness", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("Readiness", StringComparison.OrdinalIgnoreCase) >= 0
            || name.EndsWith("Defaults", StringComparison.Ordinal);

    /// <summary>Whether an assembly's name is, or looks like, a health-check library.</summary>
    public static bool IsHealthCheckAssembly(string name)
        => name == HealthChecksMiddleware
            || name.StartsWith("OpsKit", StringComparison.Ordinal)
            || name.IndexOf("HealthChecks", StringComparison.Ordinal) >= 0;
}
