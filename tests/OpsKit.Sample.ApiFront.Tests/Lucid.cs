using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using IConnectionMultiplexer = StackExchange.Redis.IConnectionMultiplexer;

namespace OpsKit.Sample.ApiFront.Tests;

/// <summary>
/// One test's Lucid: a private Redis (64 MB, <c>allkeys-lru</c>, as the guide configures it), the downstream stubs, and
/// the real sample on Kestrel with check period 1 s and timeout 2 s, its dependencies pointed at them by settings.
/// </summary>
internal sealed class Lucid : IAsyncDisposable
{
    public const string SigningKey = "lucid-api-front-test-signing-key-0123456789abcdef";

    public static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes(SigningKey));

    public static readonly SymmetricSecurityKey OtherKey = new(Encoding.UTF8.GetBytes("a-different-key-of-the-same-length-0123456789abc"));

    /// <summary>
    /// The poll limit of waits that are not a scenario's timed step (a counter that follows a request, a start-up);
    /// timed steps go through <see cref="FaultClock"/>, which asserts the scenario's own bound.
    /// </summary>
    public static readonly TimeSpan N = TimeSpan.FromSeconds(8);

    /// <summary>For conditions present from the start: the sample's start-up (first runs, JIT on a loaded machine) plus N.</summary>
    public static readonly TimeSpan StartUpAndN = TimeSpan.FromSeconds(10);

    private Lucid(RedisServer redis, Downstreams downstreams)
    {
        Redis = redis;
        Downstreams = downstreams;
    }

    public RedisServer Redis { get; }

    public Downstreams Downstreams { get; }

    public static async Task<Lucid> StartAsync()
    {
        var options = new RedisServerOptions();
        options.Settings["maxmemory"] = "64mb";
        options.Settings["maxmemory-policy"] = "allkeys-lru";
        var redis = await RedisServer.StartAsync(options);
        try
        {
            return new Lucid(redis, await Downstreams.StartAsync());
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the sample (Production environment) with the test settings plus <paramref name="extra"/>; waits for its Redis connection.</summary>
    public async Task<SampleHost> StartSampleAsync(IReadOnlyDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null)
    {
        var port = Downstreams.Port.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["ConnectionStrings:redis"] = $"{Redis.ConnectionString},abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000",
            ["Jwt:Key"] = SigningKey,
            ["OpsKit:Health:Checks:blockchain-engine:Url"] = Downstreams.Url("/health").ToString(),
            ["OpsKit:Health:Checks:search:Url"] = Downstreams.Url("/_cluster/health").ToString(),
            ["OpsKit:Health:Checks:mongodb:Host"] = "127.0.0.1",
            ["OpsKit:Health:Checks:mongodb:Port"] = port,
            ["OpsKit:Health:Checks:rdp-server:Host"] = "127.0.0.1",
            ["OpsKit:Health:Checks:rdp-server:Port"] = port,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = await SampleHost.StartAsync(args => ApiFrontApp.Create(args, configure), settings);
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.Until(() => redis.IsConnected, TimeSpan.FromSeconds(20), "the sample's multiplexer connects");
        return host;
    }

    /// <summary>A bearer token as Lucid's auth service issues them, signed with <paramref name="key"/> (default: the sample's).</summary>
    public static string Token(SecurityKey? key = null, DateTime? expires = null)
    {
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
            Issuer = "lucid-auth-service",
            Audience = "lucid-api",
            NotBefore = until.AddHours(-2),
            IssuedAt = until.AddHours(-2),
            Expires = until,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Downstreams.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>What the tests read from the running sample.</summary>
internal static class SampleHostExtensions
{
    public static async Task<(int Status, JsonElement Json)> GetApiAsync(this SampleHost host, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.StartsWith('{') ? JsonDocument.Parse(body).RootElement.Clone() : default);
    }

    /// <summary>Polls the detailed <c>GET /health</c> until <paramref name="condition"/> holds.</summary>
    public static Task<(System.Net.HttpStatusCode Status, JsonElement Json)> HealthUntilAsync(
        this SampleHost host, Func<JsonElement, bool> condition, string because, TimeSpan? timeout = null) =>
        Eventually.Until(() => host.GetJsonAsync("/health"), r => r.Json.ValueKind == JsonValueKind.Object && condition(r.Json), timeout ?? Lucid.N, because);

    /// <summary>Polls the detailed <c>GET /health</c> until <paramref name="condition"/> holds, timed from the fault by <paramref name="clock"/>.</summary>
    public static Task<(System.Net.HttpStatusCode Status, JsonElement Json)> HealthAfterFaultAsync(
        this SampleHost host, FaultClock clock, Func<JsonElement, bool> condition, string because) =>
        clock.UntilAsync(() => host.GetJsonAsync("/health"), r => r.Json.ValueKind == JsonValueKind.Object && condition(r.Json), because);

    /// <summary>Waits until every check has run once and all are Healthy.</summary>
    public static Task<(System.Net.HttpStatusCode Status, JsonElement Json)> AllHealthyAsync(this SampleHost host) =>
        host.HealthUntilAsync(h => h.GetProperty("status").GetString() == "Healthy", "every dependency is Healthy", TimeSpan.FromSeconds(10));

    public static JsonElement Check(this JsonElement health, string name) => health.GetProperty("checks").GetProperty(name);

    public static string? Status(this JsonElement health, string check) =>
        health.TryGetProperty("checks", out var checks) && checks.TryGetProperty(check, out var c) ? c.GetProperty("status").GetString() : null;

    public static string? Category(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("category").GetString() : null;

    public static string? Message(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("message").GetString() : null;

    public static JsonElement Data(this JsonElement check) => check.GetProperty("data");
}
