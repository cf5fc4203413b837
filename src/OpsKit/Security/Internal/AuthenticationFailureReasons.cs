using Microsoft.AspNetCore.Authentication;

namespace OpsKit.Security.Internal;

/// <summary>
/// Maps an authentication failure to a reason: the one the handler put in the failed result's properties under
/// <see cref="PropertyKey"/> when it is registered for <c>auth_failure</c>, otherwise by exception type NAME
/// (Microsoft.IdentityModel types, so OpsKit needs no JwtBearer package; the exception chain, inner and aggregate, is
/// searched, most specific name first).
/// </summary>
internal static class AuthenticationFailureReasons
{
    /// <summary>
    /// The <c>AuthenticationProperties.Items</c> key through which an application's own handler names the reason
    /// (<c>AuthenticateResult.Fail("…", properties)</c>); part of the documented contract (docs/security.md).
    /// </summary>
    public const string PropertyKey = "opskit.auth_failure.reason";

    public static string Classify(AuthenticateResult result, SecurityEventCatalog catalog)
    {
        string? named = null;
        result.Properties?.Items.TryGetValue(PropertyKey, out named);
        return catalog.ReasonOrDefault(SecurityEventType.AuthFailure, named, Classify(result.Failure));
    }

    public static SecurityEventReason Classify(Exception? failure)
    {
        for (var depth = 0; failure is not null && depth < 8; depth++)
        {
            if (ByName(failure.GetType()) is { } reason)
            {
                return reason;
            }

            if (failure is AggregateException { InnerExceptions: [var first, ..] })
            {
                failure = first;
                continue;
            }

            failure = failure.InnerException;
        }

        return SecurityEventReason.Other;
    }

    private static SecurityEventReason? ByName(Type type)
    {
        for (var current = type; current is not null && current != typeof(Exception); current = current.BaseType)
        {
            SecurityEventReason? reason = current.Name switch
            {
                "SecurityTokenExpiredException" => SecurityEventReason.Expired,
                "SecurityTokenNotYetValidException" => SecurityEventReason.NotYetValid,
                "SecurityTokenInvalidSignatureException" or "SecurityTokenSignatureKeyNotFoundException" => SecurityEventReason.InvalidSignature,
                "SecurityTokenInvalidIssuerException" => SecurityEventReason.InvalidIssuer,
                "SecurityTokenInvalidAudienceException" => SecurityEventReason.InvalidAudience,
                "SecurityTokenMalformedException" or "SecurityTokenNoExpirationException" or "SecurityTokenInvalidLifetimeException" or "SecurityTokenException" =>
                    SecurityEventReason.InvalidToken,
                _ => null,
            };
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }
}
