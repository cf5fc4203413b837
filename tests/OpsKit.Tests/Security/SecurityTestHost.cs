using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OpsKit.Tests.Security;

/// <summary>
/// A Kestrel app with the real JwtBearer scheme, the health engine (details always) and security signals; endpoints
/// <c>/secure</c> (any authenticated user) and <c>/admin</c> (policy <c>admin</c>, a role nobody has).
/// </summary>
internal sealed class SecurityTestHost : IAsyncDisposable
{
    public static readonly SymmetricSecurityKey Key = new("0123456789abcdef0123456789abcdef-server-key"u8.ToArray());
    public static readonly SymmetricSecurityKey OtherKey = new("fedcba9876543210fedcba9876543210-other-key"u8.ToArray());

    private SecurityTestHost(TestApp app)
    {
        App = app;
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        Events = new MetricCollector<long>(meters, "OpsKit", "opskit.security.events");
        Attempts = new MetricCollector<long>(meters, "OpsKit", "opskit.security.auth.attempts");
    }

    public TestApp App { get; }

    public MetricCollector<long> Events { get; }

    public MetricCollector<long> Attempts { get; }

    public static async Task<SecurityTestHost> StartAsync(IDictionary<string, string?>? configuration = null, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always" };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddOpsHealth();
                builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
                {
                    o.MapInboundClaims = false;
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidateIssuer = false,
                        ValidateAudience = false,
                        IssuerSigningKey = Key,
                        ClockSkew = TimeSpan.Zero,
                    };
                });
                builder.Services.AddAuthorizationBuilder().AddPolicy("admin", p => p.RequireRole("admin"));
                configure?.Invoke(builder);
                builder.Services.AddOpsSecuritySignals();
            },
            settings,
            map: app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapOpsHealth();
                app.MapGet("/secure", (ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "?").RequireAuthorization();
                app.MapGet("/admin", () => "admin").RequireAuthorization("admin");
            });
        return new SecurityTestHost(app);
    }

    public static string Token(SecurityKey? key = null, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
            NotBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });

    public async Task<int> GetAsync(string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await App.Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    public Task<int> GetWithTokenAsync(string path, string token) => GetAsync(path, new AuthenticationHeaderValue("Bearer", token).ToString());

    public long EventCount(string type, string reason) => Sum(Events, ("type", type), ("reason", reason));

    public long AttemptCount(string? result = null) => result is null ? Sum(Attempts) : Sum(Attempts, ("result", result));

    public static long Sum(MetricCollector<long> collector, params (string Key, string Value)[] tags) =>
        collector.GetMeasurementSnapshot()
            .Where(m => tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && (v as string) == t.Value))
            .Sum(m => m.Value);

    public async ValueTask DisposeAsync()
    {
        Events.Dispose();
        Attempts.Dispose();
        await App.DisposeAsync();
    }
}
