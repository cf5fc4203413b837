namespace OpsKit.Probes;

/// <summary>
/// Probe listeners for a service without a web server (configuration section <c>OpsKit:Health:Probes</c>): one TCP port
/// per probe that accepts connections only while that probe passes, and an optional HTTP port serving the
/// <c>/health/*</c> endpoints. A port left unset opens nothing.
/// </summary>
public sealed class OpsProbeListenerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "OpsKit:Health:Probes";

    /// <summary>TCP port that listens while liveness passes (Kubernetes <c>tcpSocket:</c>). Default: none.</summary>
    public int? LivePort { get; set; }

    /// <summary>
    /// TCP port that listens while readiness passes; closed while starting, Unhealthy, in maintenance, refusing traffic
    /// and from the moment shutdown starts. Default: none.
    /// </summary>
    public int? ReadyPort { get; set; }

    /// <summary>TCP port that listens once the startup probe has passed (it latches). Default: none.</summary>
    public int? StartupPort { get; set; }

    /// <summary>
    /// HTTP port serving <c>/health/live</c>, <c>/health/ready</c>, <c>/health/startup</c> and <c>/health</c> from the
    /// same snapshot (and <c>/metrics</c> when <c>AddOpsTelemetry()</c> is used), through Kestrel. Default: none.
    /// </summary>
    public int? HttpPort { get; set; }

    /// <summary>The interfaces every probe port listens on. Default: <see cref="OpsProbeAddress.Any"/>.</summary>
    public OpsProbeAddress Address { get; set; } = OpsProbeAddress.Any;
}
