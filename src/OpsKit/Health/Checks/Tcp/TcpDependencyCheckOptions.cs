namespace OpsKit.Health.Checks;

/// <summary>
/// Options of a TCP dependency check (<c>Type</c> <c>tcp</c>): a connection to <see cref="Host"/>:<see cref="Port"/>
/// opens; DNS failure, refusal and timeout get distinct categories.
/// </summary>
public sealed class TcpDependencyCheckOptions : OpsHealthCheckOptions
{
    /// <summary>Host name or IP address. Required.</summary>
    public string? Host { get; set; }

    /// <summary>TCP port (1–65535). Required.</summary>
    public int? Port { get; set; }

    /// <summary>Connect latency above which the check is Degraded. Default: none.</summary>
    public TimeSpan? DegradedLatency { get; set; }

    /// <inheritdoc/>
    protected internal override bool IsRemoteDependency => true;
}
