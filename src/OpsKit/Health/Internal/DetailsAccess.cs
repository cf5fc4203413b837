using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// True when the request carries the configured HealthChecks UI access key. Both sides are hashed first, so the
    /// comparison takes the same time whatever the sent value's length or first differing character.
    /// </summary>
    public bool HasHealthChecksUiAccessKey(HttpContext context)
    {
        if (options.CurrentValue.HealthChecksUiAccessKey is not { Length: > 0 } key
            || !context.Request.Headers.TryGetValue(OpsHealthOptions.HealthChecksUiAccessKeyHeader, out var sent)
            || sent.Count != 1
            || sent[0] is not { Length: > 0 } value)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(value)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

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
