namespace OpsKit.Health.Checks;

/// <summary>
/// Options of a clock skew check (<c>Type</c> <c>clockskew</c>): compares the <c>Date</c> header of a response from
/// <see cref="Url"/> with the local clock (token lifetimes, signed URLs and TLS break when clocks drift).
/// </summary>
public sealed class ClockSkewCheckOptions : OpsHealthCheckOptions
{
    /// <summary>Absolute http(s) URL of a server with a trusted clock. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>Skew (either direction) above which the check is Degraded. Default: 5 seconds.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromSeconds(5);
}
