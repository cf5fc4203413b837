using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsKit.Health;
using OpsKit.Hosting.Internal;

namespace OpsKit.Tests.Health;

public sealed class DetailsPolicyTests
{
    [Fact]
    public async Task Details_are_hidden_by_default_in_production_from_callers_without_the_policy()
    {
        await using var app = await StartAsync(details: null);

        var response = await app.Client.GetJsonAsync("/health");
        Assert.Equal(200, response.Code);
        Assert.Equal("""{"status":"Healthy"}""", response.Text);
    }

    [Fact]
    public async Task Details_are_shown_to_callers_that_pass_the_policy()
    {
        await using var app = await StartAsync(details: null);

        var response = await app.Client.GetJsonAsync("/health", r => r.Headers.Add(TestAuthHandler.Header, "ops"));
        Assert.Equal(200, response.Code);
        Assert.True(response.Body.GetProperty("checks").TryGetProperty("db", out _));
    }

    [Fact]
    public async Task Authenticated_callers_without_the_policy_see_no_details()
    {
        await using var app = await StartAsync(details: null);

        var response = await app.Client.GetJsonAsync("/health", r => r.Headers.Add(TestAuthHandler.Header, "guest"));
        Assert.False(response.Body.TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task Local_callers_see_details_in_LocalOrAuthorized_mode()
    {
        await using var app = await StartAsync(details: "LocalOrAuthorized");

        var response = await app.Client.GetJsonAsync("/health");
        Assert.True(response.Body.TryGetProperty("checks", out _));
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    [InlineData("X-Client-IP", "203.0.113.9")]
    [InlineData("True-Client-IP", "203.0.113.9")]
    [InlineData("X-Original-For", "203.0.113.9:5100")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("X-Proxy-Client", "203.0.113.9")]
    public async Task Loopback_callers_behind_a_proxy_header_see_no_details(string header, string value)
    {
        await using var app = await StartAsync(details: "LocalOrAuthorized");

        var response = await app.Client.GetJsonAsync("/health", r => r.Headers.Add(header, value));
        Assert.Equal("""{"status":"Healthy"}""", response.Text);
    }

    [Fact]
    public void Non_loopback_callers_are_not_local()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        Assert.False(ForwardedRequest.IsDirectLoopback(context));
        context.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;
        Assert.True(ForwardedRequest.IsDirectLoopback(context));
    }

    [Fact]
    public async Task Details_never_shows_nothing_even_with_the_policy()
    {
        await using var app = await StartAsync(details: "Never");

        var response = await app.Client.GetJsonAsync("/health", r => r.Headers.Add(TestAuthHandler.Header, "ops"));
        Assert.False(response.Body.TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task Refresh_runs_one_check_now_for_authorized_callers()
    {
        var check = new ControlledCheck();
        await using var app = await StartAsync(details: null, check);
        await Eventually.Until(() => check.Runs >= 1, TimeSpan.FromSeconds(5), "the first run");
        var runs = check.Runs;

        var denied = await app.Client.PostAsync("/health?refresh=db");
        Assert.Equal(401, denied.Code);
        Assert.Equal(runs, check.Runs);

        var refreshed = await app.Client.PostAsync("/health?refresh=db", r => r.Headers.Add(TestAuthHandler.Header, "ops"));
        Assert.Equal(200, refreshed.Code);
        Assert.Contains("\"name\":\"db\"", refreshed.Text, StringComparison.Ordinal);
        Assert.Equal(runs + 1, check.Runs);

        var unknown = await app.Client.PostAsync("/health?refresh=nope", r => r.Headers.Add(TestAuthHandler.Header, "ops"));
        Assert.Equal(404, unknown.Code);
    }

    private static async Task<TestApp> StartAsync(string? details, ControlledCheck? check = null)
    {
        check ??= new ControlledCheck();
        var config = new Dictionary<string, string?> { ["OpsKit:Health:DetailsPolicy"] = "ops", ["OpsKit:Health:Period"] = "00:01:00" };
        if (details is not null)
        {
            config["OpsKit:Health:Details"] = details;
        }

        var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                b.Services.AddAuthorization(o => o.AddPolicy("ops", p => p.RequireRole("ops")));
                b.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedForHeaderName = "X-Proxy-Client");
                b.Services.AddOpsHealth().AddCheck("db", check.RunAsync);
            },
            config);

        // The tests read /health once and expect the Healthy verdict: wait for the first snapshot (before it, /health
        // is 503 "starting", which a loaded machine can still serve right after the host started).
        try
        {
            await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Authenticates a caller that sends <c>X-Test-Role</c> with that role.</summary>
    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";
        public const string Header = "X-Test-Role";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "tester"), new Claim(ClaimTypes.Role, role.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
