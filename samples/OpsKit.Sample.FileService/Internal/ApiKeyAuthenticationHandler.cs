using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace OpsKit.Sample.FileService.Internal;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> with one of the configured keys. A header in another form (no <c>Bearer </c>
/// prefix) is "no result": OpsKit's security signals count it as <c>auth_failure</c> / <c>bad_scheme</c> at the challenge.
/// A wrong key fails without the key in any message or log.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim());
        var keys = Options.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length > 0 && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(keys[i])))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key-" + i.ToString(CultureInfo.InvariantCulture))], Scheme.Name);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
            }
        }

        // OpsKit counts the failure as auth_failure/unknown_key (the reason a handler names through these properties).
        var properties = new AuthenticationProperties();
        properties.Items["opskit.auth_failure.reason"] = "unknown_key";
        return Task.FromResult(AuthenticateResult.Fail("Invalid API key.", properties));
    }
}
