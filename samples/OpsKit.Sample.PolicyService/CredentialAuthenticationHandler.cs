using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OpsKit.Sample.PolicyService;

/// <summary>
/// HTTP Basic against <see cref="PolicyUsersOptions"/>. No <c>Authorization</c> header, or another scheme, is "no result"
/// (OpsKit counts it at the challenge as <c>missing_header</c> / <c>bad_scheme</c>); a wrong user or password is a failed
/// attempt, which OpsKit's security signals count as <c>auth_failure</c> with a reason.
/// </summary>
internal sealed class CredentialAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<PolicyUsersOptions> users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, PolicyServiceApp.LoginScheme, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!TryDecode(header.Parameter, out var user, out var password)
            || !users.CurrentValue.Users.TryGetValue(user, out var expectedHash)
            || !Matches(password, expectedHash))
        {
            // OpsKit counts the failure as auth_failure/invalid_credentials (the reason named through these properties).
            var properties = new AuthenticationProperties();
            properties.Items["opskit.auth_failure.reason"] = "invalid_credentials";
            return Task.FromResult(AuthenticateResult.Fail("invalid user name or password", properties));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"acgs-pgp\"";
        return base.HandleChallengeAsync(properties);
    }

    internal static bool TryDecode(string? parameter, out string user, out string password)
    {
        user = password = string.Empty;
        if (string.IsNullOrEmpty(parameter))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }

    private static bool Matches(string password, string expectedHexHash)
    {
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(expectedHexHash);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
