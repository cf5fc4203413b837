using Microsoft.AspNetCore.Routing;
using OpsKit.Health;
using OpsKit.Health.Internal;
using OpsKit.Hosting.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the OpsKit health endpoints.
/// </summary>
public static class OpsHealthEndpointRouteBuilderExtensions
{
    private const string HealthServices = "the OpsKit health services";
    private const string AddHealth = "AddOpsHealth()";
    private const string DetailsPolicyKey = OpsHealthOptions.SectionName + ":" + nameof(OpsHealthOptions.DetailsPolicy);

    /// <summary>
    /// Maps <c>/health/live</c>, <c>/health/ready</c>, <c>/health/startup</c> and <c>/health</c> (paths from
    /// <c>OpsKit:Health:Paths</c>), plus <c>POST /health/maintenance</c>, <c>POST /health?refresh=</c> and the
    /// optional <c>/alive</c> alias, and the path of every group of <c>OpsKit:Health:Groups</c>. Probe endpoints allow anonymous callers and are left out of HTTP metrics. The two
    /// state changes need the <c>OpsKit:Health:DetailsPolicy</c> policy; without one they are disabled outside
    /// Development (logged once here) and, in Development, open only to direct callers on this machine.
    /// Requires <c>AddOpsHealth()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>One convention builder per endpoint.</returns>
    public static OpsHealthEndpoints MapOpsHealth(this IEndpointRouteBuilder endpoints)
    {
        var handlers = EndpointMapping.Require<HealthEndpointHandlers>(endpoints, "MapOpsHealth()", HealthServices, AddHealth);
        var services = endpoints.ServiceProvider;
        var options = EndpointMapping.OptionsOrDefaults<OpsHealthOptions>(services);
        var paths = options.Paths;
        OperatorAccess.WarnIfDisabled(
            services,
            options.DetailsPolicy,
            $"POST {paths.Details}?refresh= and POST {paths.Details.TrimEnd('/')}/maintenance",
            DetailsPolicyKey);

        var live = Probe(endpoints.MapGet(paths.Live, handlers.LiveAsync), "live");
        var ready = Probe(endpoints.MapGet(paths.Ready, handlers.ReadyAsync), "ready");
        var startup = Probe(endpoints.MapGet(paths.Startup, handlers.StartupAsync), "startup");
        var details = Named(endpoints.MapGet(paths.Details, handlers.DetailsAsync), "details");
        var refresh = Named(endpoints.MapPost(paths.Details, handlers.RefreshAsync), "refresh");
        var maintenance = Named(
            endpoints.MapPost(paths.Details.TrimEnd('/') + "/maintenance", handlers.MaintenanceAsync), "maintenance");
        var alive = string.IsNullOrEmpty(paths.Alive)
            ? null
            : Probe(endpoints.MapGet(paths.Alive, handlers.LiveAsync), "alive");

        var groups = new Dictionary<string, IEndpointConventionBuilder>(StringComparer.Ordinal);
        foreach (var (name, group) in options.Groups)
        {
            if (!string.IsNullOrEmpty(group.Path))
            {
                groups[name] = Probe(endpoints.MapGet(group.Path, (RequestDelegate)(context => handlers.GroupAsync(context, name))), "group " + name);
            }
        }

        return new OpsHealthEndpoints(live, ready, startup, details, maintenance, refresh, alive, groups);
    }

    /// <summary>
    /// Maps <c>GET /ops/info</c>: the service's version, informational version, commit and build time, the runtime and
    /// operating system, the process's start time and uptime, the environment name, and for every configuration key
    /// under <c>OpsKit:</c> and <c>ConnectionStrings:</c> the provider that set it (values of secret keys masked,
    /// connection strings never shown). Only callers allowed health details see it (<c>OpsKit:Health:Details</c> and
    /// <c>OpsKit:Health:DetailsPolicy</c>); others get 401 (anonymous) or 403. A call of its own, not part of
    /// <see cref="MapOpsHealth"/>, so that an app opts in to listing its configuration. Requires <c>AddOpsHealth()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>The endpoint's convention builder, for example to add <c>RequireAuthorization()</c>.</returns>
    public static IEndpointConventionBuilder MapOpsInfo(this IEndpointRouteBuilder endpoints)
    {
        EndpointMapping.Require<DetailsAccess>(endpoints, "MapOpsInfo()", HealthServices, AddHealth);
        var info = ActivatorUtilities.CreateInstance<InfoEndpointHandler>(endpoints.ServiceProvider);
        return Named(endpoints.MapGet("/ops/info", info.InfoAsync), "info");
    }

    /// <summary>
    /// Maps temporary log levels: <c>GET /ops/logging</c> lists the active overrides with their expiry;
    /// <c>POST /ops/logging</c> with <c>{"category":"Npgsql","level":"Debug","duration":"00:10:00"}</c> makes that
    /// category (and its sub-categories) log from that level for the duration (default 10 minutes, at most
    /// <c>OpsKit:Logging:MaxOverrideDuration</c>), then reverts by itself; <c>"level": null</c> or
    /// <c>DELETE /ops/logging/{category}</c> ends one early. An override only makes a category more verbose than the app
    /// configures it (400 otherwise); at most 20 are active. Reading follows health details
    /// (<c>OpsKit:Health:Details</c>); changing is for operators: the <c>OpsKit:Health:DetailsPolicy</c> policy, without
    /// which changes are disabled outside Development (logged once here). Each change is logged with the caller and
    /// counted. The app's logging providers are untouched: overrides are filter rules the logger factory reloads.
    /// Requires <c>AddOpsHealth()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>The route group of the three endpoints.</returns>
    public static RouteGroupBuilder MapOpsLogging(this IEndpointRouteBuilder endpoints)
    {
        var handler = EndpointMapping.Require<LoggingEndpointHandler>(endpoints, "MapOpsLogging()", HealthServices, AddHealth);
        var services = endpoints.ServiceProvider;
        OperatorAccess.WarnIfDisabled(
            services,
            EndpointMapping.OptionsOrDefaults<OpsHealthOptions>(services).DetailsPolicy,
            "POST /ops/logging and DELETE /ops/logging/{category}",
            DetailsPolicyKey);

        var group = endpoints.MapGroup("/ops/logging");
        Named(group.MapGet(string.Empty, handler.ListAsync), "logging");
        Named(group.MapPost(string.Empty, handler.SetAsync), "logging set");
        Named(group.MapDelete("/{category}", context => handler.DeleteAsync(context, context.Request.RouteValues["category"] as string ?? string.Empty)), "logging remove");
        return group;
    }

    /// <summary>
    /// Maps <c>GET /ops/diagnostics</c>: one JSON document with the health details, the latest status transitions, thread
    /// pool, GC and process figures, configuration provenance (as <see cref="MapOpsInfo"/>) and every registered
    /// <c>OpsKit.Hosting.IOpsDiagnosticsSection</c> (PostgreSQL pools, Redis connections, caches, circuits), at most
    /// 256 KiB (parts that do not fit are named in <c>omitted</c>). For operators only, like maintenance: callers that
    /// pass the <c>OpsKit:Health:DetailsPolicy</c> policy (in Development also direct callers on this machine); others
    /// get 401 or 403. Requires <c>AddOpsHealth()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapOpsDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        var handler = EndpointMapping.Require<DiagnosticsEndpointHandler>(endpoints, "MapOpsDiagnostics()", HealthServices, AddHealth);
        return Named(endpoints.MapGet("/ops/diagnostics", handler.DiagnosticsAsync), "diagnostics");
    }

    private static IEndpointConventionBuilder Probe(IEndpointConventionBuilder builder, string name) =>
        Named(builder, name).AllowAnonymous();

    private static IEndpointConventionBuilder Named(IEndpointConventionBuilder builder, string name) =>
        builder.WithDisplayName("OpsKit health " + name).DisableHttpMetrics();
}
