using Microsoft.AspNetCore.Antiforgery;
using OpsKit.Hosting.Internal;

namespace OpsKit.Security.Internal;

/// <summary>Decorates <see cref="IAntiforgery"/>: a failed validation counts <c>csrf_failure</c>/<c>invalid_token</c>.</summary>
internal sealed class SignalingAntiforgery(IAntiforgery inner, SecuritySignals signals) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public async Task<bool> IsRequestValidAsync(HttpContext httpContext)
    {
        var valid = await inner.IsRequestValidAsync(httpContext).ConfigureAwait(false);
        if (!valid)
        {
            Count(httpContext);
        }

        return valid;
    }

    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        try
        {
            await inner.ValidateRequestAsync(httpContext).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            Count(httpContext);
            throw;
        }
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    private void Count(HttpContext httpContext) =>
        signals.Record(SecurityEventType.CsrfFailure, SecurityEventReason.InvalidToken.Label(), httpContext.Connection.RemoteIpAddress);
}
