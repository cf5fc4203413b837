using Microsoft.AspNetCore.Authorization;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Decides who sees details (docs/endpoints.md), at the details path and at a group's path (whose own settings, when
/// set, replace the engine's). State changes (refresh, maintenance) are <see cref="OperatorAccess"/>'s decision, not
/// this one's.
/// </summary>
internal sealed class DetailsAccess(
    IOptionsMonitor<OpsHealthOptions> options,
    IHostEnvironment environment,
    IAuthorizationService? authorization = null)
{
    public HealthDetailsExposure Exposure =>
        options.CurrentValue.Details ?? (environment.IsDevelopment() ? HealthDetailsExposure.Always : HealthDetailsExposure.Authorized);

    public ValueTask<bool> CanSeeDetailsAsync(HttpContext context) =>
        CanSeeDetailsAsync(context, Exposure, options.CurrentValue.DetailsPolicy);

    public ValueTask<bool> CanSeeDetailsAsync(HttpContext context, HealthGroup group) =>
        CanSeeDetailsAsync(context, group.Details ?? Exposure, group.DetailsPolicy ?? options.CurrentValue.DetailsPolicy);

    private async ValueTask<bool> CanSeeDetailsAsync(HttpContext context, HealthDetailsExposure exposure, string? policy) => exposure switch
    {
        HealthDetailsExposure.Always => true,
        HealthDetailsExposure.Never => false,
        HealthDetailsExposure.LocalOrAuthorized => ForwardedRequest.IsDirectLoopback(context) || await IsAuthorizedAsync(context, policy).ConfigureAwait(false),
        _ => await IsAuthorizedAsync(context, policy).ConfigureAwait(false),
    };

    private async ValueTask<bool> IsAuthorizedAsync(HttpContext context, string? policy)
    {
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
