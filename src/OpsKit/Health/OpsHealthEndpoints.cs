using Microsoft.AspNetCore.Builder;

namespace OpsKit.Health;

/// <summary>
/// The endpoints mapped by <c>MapOpsHealth()</c>, one convention builder each, so that for example
/// <c>RequireAuthorization()</c> can go on <see cref="Details"/> alone: probes never need credentials.
/// </summary>
public sealed class OpsHealthEndpoints
{
    internal OpsHealthEndpoints(
        IEndpointConventionBuilder live,
        IEndpointConventionBuilder ready,
        IEndpointConventionBuilder startup,
        IEndpointConventionBuilder details,
        IEndpointConventionBuilder maintenance,
        IEndpointConventionBuilder refresh,
        IEndpointConventionBuilder? alive,
        IReadOnlyDictionary<string, IEndpointConventionBuilder> groups)
    {
        Groups = groups;
        Live = live;
        Ready = ready;
        Startup = startup;
        Details = details;
        Maintenance = maintenance;
        Refresh = refresh;
        Alive = alive;
    }

    /// <summary><c>GET /health/live</c>: the process answers, and the checks tagged <c>live</c> pass.</summary>
    public IEndpointConventionBuilder Live { get; }

    /// <summary><c>GET /health/ready</c>: the checks tagged <c>ready</c> (and untagged ones) and the lifecycle.</summary>
    public IEndpointConventionBuilder Ready { get; }

    /// <summary><c>GET /health/startup</c>: the checks tagged <c>startup</c>, latched once Healthy.</summary>
    public IEndpointConventionBuilder Startup { get; }

    /// <summary><c>GET /health</c>: detailed JSON for callers allowed details, the status for others.</summary>
    public IEndpointConventionBuilder Details { get; }

    /// <summary><c>POST /health/maintenance?enabled=true|false</c>: switches maintenance mode (callers that pass <c>OpsKit:Health:DetailsPolicy</c>).</summary>
    public IEndpointConventionBuilder Maintenance { get; }

    /// <summary><c>POST /health?refresh=&lt;name&gt;</c>: runs one check now and returns its result (callers that pass <c>OpsKit:Health:DetailsPolicy</c>; at most once per check per 5 s).</summary>
    public IEndpointConventionBuilder Refresh { get; }

    /// <summary>The Aspire-style liveness alias when <c>OpsKit:Health:Paths:Alive</c> is set; otherwise null.</summary>
    public IEndpointConventionBuilder? Alive { get; }

    /// <summary>The path of each health group (<c>OpsKit:Health:Groups</c>) by group name; empty when there is none.</summary>
    public IReadOnlyDictionary<string, IEndpointConventionBuilder> Groups { get; }
}
