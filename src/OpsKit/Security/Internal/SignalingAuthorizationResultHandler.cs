using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Net.Http.Headers;
using OpsKit.Hosting.Internal;

namespace OpsKit.Security.Internal;

/// <summary>
/// Decorates <see cref="IAuthorizationMiddlewareResultHandler"/>. Forbidden → <c>authorization_denied</c> with the
/// endpoint's policy name when the application registered it as a reason, else <c>forbidden</c>. Challenged with no
/// attempt counted in the request → <c>auth_failure</c>: <c>missing_header</c> without an <c>Authorization</c> header
/// (not an attempt), otherwise <c>bad_scheme</c> (a failed attempt of the policy's or the default scheme): a header no
/// registered scheme understood, such as <c>Authorization: your-api-key</c>.
/// </summary>
internal sealed class SignalingAuthorizationResultHandler(
    IAuthorizationMiddlewareResultHandler inner,
    SecuritySignals signals,
    IAuthenticationSchemeProvider schemes) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var policyName = context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>()?.Policy;
            var reason = signals.Catalog.ReasonOrDefault(SecurityEventType.AuthorizationDenied, policyName, SecurityEventReason.Forbidden);
            signals.Record(SecurityEventType.AuthorizationDenied, reason, context.Connection.RemoteIpAddress);
        }
        else if (authorizeResult.Challenged && context.Features.Get<SecurityRequestFeature>() is not { AnyAttemptCounted: true })
        {
            if (context.Request.Headers.ContainsKey(HeaderNames.Authorization))
            {
                var scheme = policy.AuthenticationSchemes is [var first, ..]
                    ? first
                    : (await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false))?.Name ?? "none";
                signals.RecordAuthenticationFailure(scheme, SecurityEventReason.BadScheme.Label(), context.Connection.RemoteIpAddress, attempt: true);
            }
            else
            {
                signals.RecordAuthenticationFailure("none", SecurityEventReason.MissingHeader.Label(), context.Connection.RemoteIpAddress, attempt: false);
            }
        }

        await inner.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
