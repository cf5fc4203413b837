namespace OpsKit.Probes;

/// <summary>Where the probe listeners of <c>AddOpsProbeListeners()</c> listen (<c>OpsKit:Health:Probes:Address</c>).</summary>
public enum OpsProbeAddress
{
    /// <summary>Every interface, IPv4 and IPv6: what a kubelet connecting to the pod's address needs. The default.</summary>
    Any,

    /// <summary>127.0.0.1 only: probes from this machine (a sidecar, a local supervisor, tests).</summary>
    Loopback,
}
