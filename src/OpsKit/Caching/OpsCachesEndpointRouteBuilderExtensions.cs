using Microsoft.AspNetCore.Routing;
using OpsKit.Caching;
using OpsKit.Caching.Internal;
using OpsKit.Hosting.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the OpsKit cache endpoints.
/// </summary>
public static class OpsCachesEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /ops/caches</c> (entries, size, capacity, hits, misses, hit ratio and evictions by reason of every
    /// cache added with <c>AddOpsMemoryCache</c>) and <c>POST /ops/caches/{name}/clear</c> (removes every entry of
    /// that cache only; 404 for an unknown name). Reading the stats requires authorization: the policy named by
    /// <c>OpsKit:Caching:Policy</c> when it is set, otherwise the default policy (by default, any authenticated
    /// caller). Clearing is a state change: only callers that pass <c>OpsKit:Caching:Policy</c> may clear; without a
    /// policy clearing is disabled outside Development (logged once here) and, in Development, open only to callers on
    /// this machine without forwarding headers. Each clear is logged with the caller and counted. Add more
    /// requirements on the returned group, e.g. <c>.RequireAuthorization("ops")</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>The route group of both endpoints.</returns>
    public static RouteGroupBuilder MapOpsCaches(this IEndpointRouteBuilder endpoints)
    {
        var handlers = EndpointMapping.Require<CacheEndpointHandlers>(
            endpoints, "MapOpsCaches()", "at least one OpsKit cache", "AddOpsMemoryCache(\"name\", …)");

        var services = endpoints.ServiceProvider;
        var policyKey = OpsMemoryCacheOptions.SectionName + ":" + CacheNames.PolicyKey;
        var policy = services.GetService<IConfiguration>()?[policyKey];
        if (string.IsNullOrWhiteSpace(policy))
        {
            policy = null;
        }

        var group = endpoints.MapGroup("/ops/caches");
        var stats = group.MapGet(string.Empty, handlers.StatsAsync).WithDisplayName("OpsKit caches stats");
        group.MapPost("/{name}/clear", context => handlers.ClearAsync(context, context.Request.RouteValues["name"] as string ?? string.Empty, policy))
            .WithDisplayName("OpsKit caches clear");

        if (policy is null)
        {
            stats.RequireAuthorization();
        }
        else
        {
            stats.RequireAuthorization(policy);
        }

        OperatorAccess.WarnIfDisabled(services, policy, "POST /ops/caches/{name}/clear", policyKey);

        return group;
    }
}
