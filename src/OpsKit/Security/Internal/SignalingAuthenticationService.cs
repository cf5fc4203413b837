using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace OpsKit.Security.Internal;

/// <summary>
/// Decorates the registered <see cref="IAuthenticationService"/> (so every scheme, whichever package provides it, is
/// covered): a succeeded result is a successful attempt, a failed one a failed attempt plus an <c>auth_failure</c> event
/// with a reason named by the handler or taken from the exception type. "No result" is judged later, at the challenge
/// (<see cref="SignalingAuthorizationResultHandler"/>), because another scheme may still succeed.
/// </summary>
internal sealed class SignalingAuthenticationService(
    IAuthenticationService inner,
    SecuritySignals signals,
    IAuthenticationSchemeProvider schemes) : IAuthenticationService
{
    public async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
    {
        var result = await inner.AuthenticateAsync(context, scheme).ConfigureAwait(false);
        if (result.None)
        {
            return result;
        }

        var name = result.Ticket?.AuthenticationScheme ?? scheme ?? (await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false))?.Name;
        if (name is null)
        {
            return result;
        }

        var feature = context.Features.Get<SecurityRequestFeature>();
        if (feature is null)
        {
            feature = new SecurityRequestFeature();
            context.Features.Set(feature);
        }

        if (!feature.TryMark(name))
        {
            return result;
        }

        if (result.Succeeded)
        {
            signals.RecordAttempt(name, success: true);
        }
        else
        {
            signals.RecordAuthenticationFailure(name, AuthenticationFailureReasons.Classify(result, signals.Catalog), context.Connection.RemoteIpAddress, attempt: true);
        }

        return result;
    }

    public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
        inner.ChallengeAsync(context, scheme, properties);

    public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
        inner.ForbidAsync(context, scheme, properties);

    public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) =>
        inner.SignInAsync(context, scheme, principal, properties);

    public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
        inner.SignOutAsync(context, scheme, properties);
}
