using Grpc.Health.V1;
using OpsKit.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OpsKit.Grpc.Internal;

/// <summary>
/// The service names of the gRPC health service and the probe verdict each one reports (docs/probes.md): the empty
/// name is the server as a whole (readiness, as a load balancer sees it); a health group answers under its own name.
/// </summary>
internal static class GrpcHealthServices
{
    public const string Live = "live";
    public const string Ready = "ready";
    public const string Startup = "startup";

    private static readonly HealthCheckResponse Serving = new() { Status = ServingStatus.Serving };
    private static readonly HealthCheckResponse NotServing = new() { Status = ServingStatus.NotServing };

    /// <summary>Shared, never mutated: only Watch's "unknown service" answer.</summary>
    public static readonly HealthCheckResponse Unknown = new() { Status = ServingStatus.ServiceUnknown };

    /// <summary>The verdict <paramref name="service"/> reports, or null when no service has that name.</summary>
    public static OpsProbeStatus? Find(OpsHealthReport report, string service) => service switch
    {
        "" or Ready => report.Ready,
        Live => report.Live,
        Startup => report.Startup,
        _ => report.Groups.GetValueOrDefault(service),
    };

    public static HealthCheckResponse Response(OpsProbeStatus verdict) => verdict.IsPassing ? Serving : NotServing;
}
