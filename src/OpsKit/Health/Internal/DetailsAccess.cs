using Microsoft.AspNetCore.Authorization;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Decides who sees details (docs/endpoints.md). State changes (refresh, maintenance) are
/// <see cref="OperatorAccess"/>'s decision, not this one's.
/// </summary>
internal sealed class DetailsAccess(
    IOptionsMonitor<OpsHealthOptions> options,
    IHostEnvironment environment,
    IAuthorizationService? authorization = null)
{
    public HealthDetailsExposure Exposure =>
        options.CurrentValue.Details ?? (environment.IsDevelopment() ? HealthDetailsExposure.Always : HealthDetailsExposure.Authorized);

    public async ValueTask<bool> CanSeeDetailsAsync(HttpContext context) => Exposure switch
    {
        HealthDetailsExposure.Always => true,
        HealthDetailsExposure.Never => false,
        HealthDetailsExposure.LocalOrAuthorized => ForwardedRequest.IsDirectLoopback(context) || await IsAuthorizedAsync(context).ConfigureAwait(false),
        _ => await IsAuthorizedAsync(context).ConfigureAwait(false),
    };

    private async ValueTask<bool> IsAuthorizedAsync(HttpContext context)
    {
        var policy = options.CurrentValue.DetailsPolicy;
        if (string.IsNullOrEmpty(policy))
        {
            return context.User.Identity?.IsAuthenticated == true;
        }

        if (authorization is null)
        {
            return false;
        }

        var result = await authorization.AuthorizeAsync(context.User, context, policy).ConfigureAwait(false);
        return result.Succeeded;
    }
}
