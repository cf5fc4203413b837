using OpsKit.Hosting.Internal;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>
/// Authorization requirements for operator endpoints.
/// </summary>
public static class OpsAuthorizationPolicyBuilderExtensions
{
    /// <summary>
    /// Requires a caller on this machine that talks to the app directly: a loopback connection that carries none of
    /// the forwarding headers (<c>Forwarded</c>, <c>X-Forwarded-For</c>, <c>X-Real-IP</c>, <c>X-Client-IP</c>,
    /// <c>True-Client-IP</c>, <c>X-Original-For</c>, and every header the app's <c>ForwardedHeadersOptions</c> names), so
    /// a reverse proxy on the same host does not turn every caller into a local one. The same rule as OpsKit's
    /// <c>LocalOrAuthorized</c> details. Meant for the policy named by <c>OpsKit:Caching:Policy</c> or
    /// <c>OpsKit:Health:DetailsPolicy</c> on a service that only its own host may operate.
    /// </summary>
    /// <param name="builder">The policy being built.</param>
    /// <returns>The same builder.</returns>
    public static AuthorizationPolicyBuilder RequireDirectLoopbackCaller(this AuthorizationPolicyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAssertion(static context => context.Resource is HttpContext http && ForwardedRequest.IsDirectLoopback(http));
    }
}
