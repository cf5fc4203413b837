namespace OpsKit.Sample.PolicyService;

/// <summary>
/// Throttling of <c>POST /auth/login</c> (<c>PolicyService:LoginThrottle</c>): at most <see cref="PermitsPerClient"/>
/// attempts per client address and <see cref="PermitsPerUser"/> per user name in each <see cref="Window"/>; more answer
/// 429 with <c>Retry-After</c>, before the credentials are checked.
/// </summary>
internal sealed class LoginThrottleOptions
{
    public const string SectionName = "PolicyService:LoginThrottle";

    /// <summary>Attempts per client address per window. Default 30.</summary>
    public int PermitsPerClient { get; set; } = 30;

    /// <summary>Attempts per user name per window, from any address (a configured user; unknown names share one budget). Default 10.</summary>
    public int PermitsPerUser { get; set; } = 10;

    /// <summary>The fixed window. Default 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
