using System.Security.Claims;

namespace OpsKit.Sample.PolicyService;

/// <summary><c>POST /auth/login</c>: reached only with valid credentials (the authentication handler judged them).</summary>
internal static class LoginEndpoint
{
    public static IResult Handle(ClaimsPrincipal user) =>
        TypedResults.Ok(new LoginResponse(user.FindFirstValue(ClaimTypes.Name) ?? string.Empty, Authenticated: true));
}
