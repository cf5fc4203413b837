using Microsoft.AspNetCore.Authentication;

namespace OpsKit.Sample.FileService.Internal;

/// <summary>Options of the API-key scheme: the accepted keys, from <c>Authentication:ApiKeys</c>.</summary>
internal sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiKey";

    /// <summary>The configuration section of the keys; OpsKit's security signals reject empty and placeholder keys there at start-up.</summary>
    public const string KeysSection = "Authentication:ApiKeys";

    public IReadOnlyList<string> Keys { get; set; } = [];
}
