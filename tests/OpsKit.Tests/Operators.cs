using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Tests.Caching;

namespace OpsKit.Tests;

/// <summary>Test operators: callers with <c>X-Test-Role: ops</c> pass the policy <see cref="Policy"/>.</summary>
internal static class Operators
{
    public const string Policy = "ops";

    public static readonly Action<HttpRequestMessage> AsOperator = r => r.Headers.Add(TestRoleAuthHandler.Header, "ops");

    public static void AddTestOperators(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(TestRoleAuthHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestRoleAuthHandler>(TestRoleAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.AddPolicy(Policy, p => p.RequireRole("ops")));
    }
}
