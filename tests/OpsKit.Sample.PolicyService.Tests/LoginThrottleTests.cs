using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>
/// <c>POST /auth/login</c> is throttled by ASP.NET Core's rate limiter, per user name and per client address: past the
/// budget it answers 429 with <c>Retry-After</c> before checking credentials, and other endpoints are not throttled.
/// </summary>
[Collection(PolicyServiceCollection.Name)]
public sealed class LoginThrottleTests(PolicyDatabaseFixture database)
{
    private const string Password = "Thr0ttled-login-9";

    [Fact]
    public async Task The_eleventh_login_for_one_user_within_a_minute_is_429_with_Retry_After_and_not_counted_as_an_attempt()
    {
        await using var host = await PolicyHost.StartAsync(database, Users("alice", "bob"));
        await PolicyHost.WaitUntilReadyAsync(host);

        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await PolicyHost.LoginAsync(host, "alice", i % 2 == 0 ? "wrong-password" : Password));
        }

        using var throttled = await LoginAsync(host, "alice", Password);
        var otherUser = await PolicyHost.LoginAsync(host, "bob", Password);

        Assert.Equal(5, statuses.Count(s => s == 200));
        Assert.Equal(5, statuses.Count(s => s == 401));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var retryAfter = throttled.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(200, otherUser);
        // The throttled attempt never reached the credential check.
        Assert.Equal(11, SampleHost.MetricSum(await host.ScrapeAsync(), "opskit_security_auth_attempts_total", "scheme=\"Basic\""));
        Assert.Equal(200, await PolicyHost.EvaluateAsync(host, "admin-only"));
    }

    [Fact]
    public async Task One_client_spraying_made_up_user_names_is_429_after_its_per_client_budget()
    {
        await using var host = await PolicyHost.StartAsync(database, new Dictionary<string, string?>
        {
            ["PolicyService:LoginThrottle:PermitsPerClient"] = "5",
            ["PolicyService:LoginThrottle:PermitsPerUser"] = "100",
        });
        await PolicyHost.WaitUntilReadyAsync(host);

        var statuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add(await PolicyHost.LoginAsync(host, $"user{i}", "guess"));
        }

        Assert.Equal([401, 401, 401, 401, 401, 429, 429, 429], statuses);
    }

    private static Dictionary<string, string?> Users(params string[] names)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Password)));
        return names.ToDictionary(n => $"PolicyService:Users:{n}", _ => (string?)hash);
    }

    private static async Task<HttpResponseMessage> LoginAsync(SampleHost host, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/login", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await host.Client.SendAsync(request);
    }
}
