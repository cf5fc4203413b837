namespace OpsKit.Health.Checks;

/// <summary>
/// Options of a certificate check (<c>Type</c> <c>certificate</c>): certificate files (PEM, CRT, CER, PFX without a
/// password) in <see cref="Path"/>, or the certificate a TLS endpoint at <see cref="Host"/>:<see cref="Port"/> serves.
/// Unhealthy when a certificate has expired or has at most <see cref="UnhealthyDays"/> left, Degraded under
/// <see cref="DegradedDays"/>, listed in <c>expiring_soon</c> under <see cref="WarnDays"/>.
/// </summary>
public sealed class CertificateCheckOptions : OpsHealthCheckOptions
{
    /// <summary>A certificate file or a directory of them. Set either this or <see cref="Host"/> and <see cref="Port"/>.</summary>
    public string? Path { get; set; }

    /// <summary>Host name of a TLS endpoint; also sent as SNI. Set with <see cref="Port"/>, instead of <see cref="Path"/>.</summary>
    public string? Host { get; set; }

    /// <summary>Port of the TLS endpoint at <see cref="Host"/>.</summary>
    public int? Port { get; set; }

    /// <summary>Days left under which the check is Degraded. Default: 7.</summary>
    public double DegradedDays { get; set; } = 7;

    /// <summary>Days left at or under which the check is Unhealthy (as is any expired certificate). Default: 1.</summary>
    public double UnhealthyDays { get; set; } = 1;

    /// <summary>Days left under which a certificate is listed in <c>expiring_soon</c>. Default: 30.</summary>
    public double WarnDays { get; set; } = 30;

    /// <summary>True for a remote endpoint (<see cref="Host"/>); certificate files are local.</summary>
    protected internal override bool IsRemoteDependency => Host is not null;
}
