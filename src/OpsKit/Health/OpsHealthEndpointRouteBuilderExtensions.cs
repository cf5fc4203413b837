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
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var handlers = EndpointMapping.Require<HealthEndpointHandlers>(services, "MapOpsHealth()", "the OpsKit health services", "AddOpsHealth()");
        var options = EndpointMapping.OptionsOrDefaults<OpsHealthOptions>(services);
        var paths = options.Paths;
        OperatorAccess.WarnIfDisabled(
            services,
            options.DetailsPolicy,
            $"POST {paths.Details}?refresh= and POST {paths.Details.TrimEnd('/')}/maintenance",
            OpsHealthOptions.SectionName + ":" + nameof(OpsHealthOptions.DetailsPolicy));

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
        ArgumentNullException.ThrowIfNull(endpoints);
        _ = endpoints.ServiceProvider.GetService<DetailsAccess>() ?? throw new InvalidOperationException(
            "MapOpsInfo() needs the OpsKit health services: call builder.Services.AddOpsHealth() first.");
        var info = ActivatorUtilities.CreateInstance<InfoEndpointHandler>(endpoints.ServiceProvider);
        return Named(endpoints.MapGet("/ops/info", info.InfoAsync), "info");
    }

    private static IEndpointConventionBuilder Probe(IEndpointConventionBuilder builder, string name) =>
        Named(builder, name).AllowAnonymous();

    private static IEndpointConventionBuilder Named(IEndpointConventionBuilder builder, string name) =>
        builder.WithDisplayName("OpsKit health " + name).DisableHttpMetrics();
}
