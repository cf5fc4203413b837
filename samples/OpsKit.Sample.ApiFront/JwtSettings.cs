namespace OpsKit.Sample.ApiFront;

/// <summary>The <c>Jwt</c> section: how <c>/api/v1/*</c> bearer tokens are validated.</summary>
internal sealed class JwtSettings
{
    public const string SectionName = "Jwt";

    /// <summary>HMAC-SHA256 signing key (UTF-8); OpsKit's security signals require at least 256 bits at start-up.</summary>
    public string? Key { get; set; }

    /// <summary>The issuer tokens must name (Lucid's auth service).</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience tokens must name.</summary>
    public string? Audience { get; set; }

    /// <summary>Tolerated clock difference for <c>exp</c>/<c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
