using System.Net;
using Microsoft.AspNetCore.Builder;

namespace OpsKit.Hosting.Internal;

/// <summary>
/// The one forwarding rule of every OpsKit endpoint (health, caches, operator policies): a request that carries any
/// header a proxy adds did not come from a caller on this machine, whatever its connection's address. The headers are
/// the common proxy headers plus every header the app's <see cref="ForwardedHeadersOptions"/> reads or writes, so a
/// proxy configured with custom names, and a request the forwarded-headers middleware already rewrote
/// (<c>X-Original-For</c>), both count.
/// </summary>
internal static class ForwardedRequest
{
    public static readonly IReadOnlyList<string> CommonHeaders =
        ["Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Client-IP", "True-Client-IP", "X-Original-For"];

    /// <summary>True when the request carries a forwarding header of <see cref="HeadersOf"/>.</summary>
    public static bool IsForwarded(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        foreach (var header in HeadersOf(context.RequestServices?.GetService<IOptions<ForwardedHeadersOptions>>()?.Value))
        {
            if (headers.ContainsKey(header))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A caller on this machine talking to the app directly: a loopback connection without forwarding headers.</summary>
    public static bool IsDirectLoopback(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote) && !IsForwarded(context);
    }

    public static IEnumerable<string> HeadersOf(ForwardedHeadersOptions? options)
    {
        foreach (var header in CommonHeaders)
        {
            yield return header;
        }

        if (options is null)
        {
            yield break;
        }

        string?[] configured =
        [
            options.ForwardedForHeaderName, options.ForwardedHostHeaderName, options.ForwardedProtoHeaderName,
            options.ForwardedPrefixHeaderName, options.OriginalForHeaderName, options.OriginalHostHeaderName,
            options.OriginalProtoHeaderName, options.OriginalPrefixHeaderName,
        ];
        foreach (var header in configured)
        {
            if (!string.IsNullOrEmpty(header))
            {
                yield return header;
            }
        }
    }
}
