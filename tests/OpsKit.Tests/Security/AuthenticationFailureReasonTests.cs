using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsKit.Tests.Security;

/// <summary>An application's own scheme names its failure's reason through the failed result's properties.</summary>
public sealed class AuthenticationFailureReasonTests
{
    [Theory]
    [InlineData("unknown_key", "unknown_key")]
    [InlineData("invalid_credentials", "invalid_credentials")]
    [InlineData("made_up_reason", "other")]
    public async Task A_reason_named_by_the_handler_is_counted_when_registered_and_other_otherwise(string named, string counted)
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddOpsHealth();
                builder.Services.AddAuthentication("key").AddScheme<AuthenticationSchemeOptions, NamingKeyHandler>("key", _ => { });
                builder.Services.AddAuthorization();
                builder.Services.AddOpsSecuritySignals();
            },
            map: app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/secure", () => "ok").RequireAuthorization();
            });
        using var events = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.security.events");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secure");
        request.Headers.Add("X-Key", named);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        var recorded = Assert.Single(events.GetMeasurementSnapshot());
        Assert.Equal("auth_failure", recorded.Tags["type"]);
        Assert.Equal(counted, recorded.Tags["reason"]);
    }

    /// <summary>Fails every request that carries X-Key, naming the header's value as the reason.</summary>
    private sealed class NamingKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var reason = Request.Headers["X-Key"].ToString();
            if (reason.Length == 0)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var properties = new AuthenticationProperties();
            properties.Items["opskit.auth_failure.reason"] = reason;
            return Task.FromResult(AuthenticateResult.Fail("rejected", properties));
        }
    }
}
