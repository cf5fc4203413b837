namespace OpsKit.Sample.ApiFront;

/// <summary>The <c>RateLimiting</c> section: a fixed window per client address on <c>/api/v1/*</c>.</summary>
internal sealed class RateLimitSettings
{
    public const string SectionName = "RateLimiting";

    /// <summary>Requests a client may make per window.</summary>
    public int PermitLimit { get; set; } = 100;

    /// <summary>The window length.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where the window is counted: <c>Redis</c> (one budget shared by every instance; the default when
    /// <c>ConnectionStrings:redis</c> is set) or <c>Local</c> (in-process, one budget per instance).
    /// </summary>
    public RateLimitStore? Store { get; set; }
}
