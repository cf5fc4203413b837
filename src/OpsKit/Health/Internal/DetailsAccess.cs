using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OpsKit.Health.Internal;

/// <summary>Decides who sees details and who may trigger a refresh or toggle maintenance (DESIGN "Details policy").</summary>
internal sealed class DetailsAccess(
    IOptionsMonitor<OpsHealthOptions> options,
    IHostEnvironment environment,
    IAuthorizationService? authorization = null)
{
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Real-IP"];

    public HealthDetailsExposure Exposure =>
        options.CurrentValue.Details ?? (environment.IsDevelopment() ? HealthDetailsExposure.Always : HealthDetailsExposure.Authorized);

    public async ValueTask<bool> CanSeeDetailsAsync(HttpContext context) => Exposure switch
    {
        HealthDetailsExposure.Always => true,
        HealthDetailsExposure.Never => false,
        HealthDetailsExposure.LocalOrAuthorized => IsLocal(context) || await IsAuthorizedAsync(context).ConfigureAwait(false),
        _ => await IsAuthorizedAsync(context).ConfigureAwait(false),
    };

    /// <summary>Changing state (maintenance) needs authorization, or the development default of Always.</summary>
    public async ValueTask<bool> CanOperateAsync(HttpContext context) => Exposure switch
    {
        HealthDetailsExposure.Always => true,
        HealthDetailsExposure.Never => false,
        _ => await IsAuthorizedAsync(context).ConfigureAwait(false),
    };

    internal static bool IsLocal(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            return false;
        }

        foreach (var header in ForwardingHeaders)
        {
            if (context.Request.Headers.ContainsKey(header))
            {
                return false;
            }
        }

        return true;
    }

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

        var result = await authorization.AuthorizeAsync(context.User, policy).ConfigureAwait(false);
        return result.Succeeded;
    }
}
