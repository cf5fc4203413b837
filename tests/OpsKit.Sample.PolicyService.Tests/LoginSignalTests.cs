using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>
/// S3-T3 "Users cannot log in": <c>POST /auth/login</c> behind the sample's Basic authentication handler, which
/// OpsKit's security signals hook (every scheme's <c>AuthenticateAsync</c>).
/// </summary>
[Collection(PolicyServiceCollection.Name)]
public sealed partial class LoginSignalTests(PolicyDatabaseFixture database)
{
    private const string User = "operator";
    private const string Password = "Op3rator-login-7";

    [Fact]
    public async Task S3_T3_login_attempts_and_failures_are_counted_without_client_address_labels_and_offenders_are_listed()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Password)));
        // Twenty attempts in a row for one user: more than the login throttle allows by default (LoginThrottleTests).
        await using var host = await PolicyHost.StartAsync(database, new Dictionary<string, string?>
        {
            [$"PolicyService:Users:{User}"] = hash,
            ["PolicyService:LoginThrottle:PermitsPerUser"] = "20",
        });
        await PolicyHost.WaitUntilReadyAsync(host);

        var statuses = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add(await PolicyHost.LoginAsync(host, User, i is 4 or 15 ? "wrong-password" : Password));
        }

        Assert.Equal(18, statuses.Count(s => s == 200));
        Assert.Equal(2, statuses.Count(s => s == 401));
        var metrics = await host.ScrapeAsync();
        Assert.Equal(20, SampleHost.MetricSum(metrics, "opskit_security_auth_attempts_total", "scheme=\"Basic\""));
        Assert.Equal(18, SampleHost.MetricSum(metrics, "opskit_security_auth_attempts_total", "scheme=\"Basic\"", "result=\"success\""));
        Assert.Equal(2, SampleHost.MetricSum(metrics, "opskit_security_auth_attempts_total", "scheme=\"Basic\"", "result=\"failure\""));
        // The sample's handler names the reason of a wrong password.
        Assert.Equal(2, SampleHost.MetricSum(metrics, "opskit_security_events_total", "type=\"auth_failure\"", "reason=\"invalid_credentials\""));
        Assert.Equal(2, SampleHost.MetricSum(metrics, "opskit_security_events_total", "type=\"auth_failure\""));

        // No series about incoming requests carries the client's address: no address label on any server-side series
        // (http_client_* series are this process's own outbound connections, whose peer is the server it called), and no
        // security series with an IP value.
        var labelNames = metrics.Split('\n')
            .Where(l => !l.StartsWith('#') && !l.StartsWith("http_client_", StringComparison.Ordinal))
            .SelectMany(l => LabelName().Matches(l).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(labelNames, n => n is "source_ip" or "client_ip" or "client_address" or "client_addr" or "network_peer_address");
        var securityLines = metrics.Split('\n').Where(l => l.StartsWith("opskit_security_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(securityLines);
        Assert.DoesNotContain(securityLines, l => l.Contains("127.0.0.1", StringComparison.Ordinal));

        // The operator's view: the top-offender table in the detailed JSON lists 127.0.0.1 with its 2 failures.
        var (status, json) = await host.GetJsonAsync("/health");
        Assert.Equal(HttpStatusCode.OK, status);
        var offender = Assert.Single(json.GetProperty("security").GetProperty("top_offenders").GetProperty("auth_failure").EnumerateArray());
        Assert.Equal("127.0.0.1", offender.GetProperty("address").GetString());
        Assert.Equal(2, offender.GetProperty("count").GetInt64());

        // The generated rule file ships the auth-success-rate < 95 % alert (as failures / attempts > 0.05).
        var rules = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "prometheus", "opskit-security-alerts.yml"));
        Assert.Contains("alert: OpsKitAuthSuccessRateLow", rules, StringComparison.Ordinal);
        Assert.Contains("opskit_security_auth_attempts_total{result=\"failure\"}", rules, StringComparison.Ordinal);
        Assert.Contains("> 0.05", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_T3_login_without_credentials_is_401_and_a_missing_header_event_but_not_an_attempt()
    {
        await using var host = await PolicyHost.StartAsync(database);

        using var response = await host.Client.PostAsync(new Uri("/auth/login", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var metrics = await host.ScrapeAsync();
        Assert.Equal(1, SampleHost.MetricSum(metrics, "opskit_security_events_total", "type=\"auth_failure\"", "reason=\"missing_header\""));
        Assert.Equal(0, SampleHost.MetricSum(metrics, "opskit_security_auth_attempts_total"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsKit.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("OpsKit.slnx not found above the test directory");
    }

    [GeneratedRegex(@"[{,]([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
