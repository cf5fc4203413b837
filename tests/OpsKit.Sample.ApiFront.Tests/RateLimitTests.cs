namespace OpsKit.Sample.ApiFront.Tests;

public sealed class RateLimitTests : IAsyncLifetime
{
    private Lucid? _lucid;

    private Lucid Lucid => _lucid!;

    public async Task InitializeAsync() => _lucid = await Lucid.StartAsync();

    public async Task DisposeAsync() => await Lucid.DisposeAsync();

    /// <summary>The client's window in Redis: the sample's policy <c>api</c> under OpsKit's default prefix, keyed by client address.</summary>
    private const string ClientKey = "opskit:ratelimit:api:127.0.0.1";

    [Fact]
    public async Task S2_T4_110_requests_from_one_client_get_100_ok_and_10_rejected_and_counted()
    {
        await using var host = await Lucid.StartSampleAsync();
        var token = Lucid.Token();

        var statuses = await SendAsync(host, token, 110);

        Assert.Equal(100, statuses.Count(s => s == 200));
        Assert.Equal(10, statuses.Count(s => s == 429));
        Assert.All(statuses.Take(100), s => Assert.Equal(200, s));
        var metrics = await host.ScrapeAsync();
        Assert.Equal(10, SampleHost.MetricValue(metrics, "opskit_security_events_total", "type=\"rate_limit_exceeded\"", "reason=\"api\""));
        Assert.Equal(10, SampleHost.MetricValue(
            metrics, "aspnetcore_rate_limiting_requests_total", "aspnetcore_rate_limiting_policy=\"api\"", "aspnetcore_rate_limiting_result=\"endpoint_limiter\""));
        Assert.Equal(100, SampleHost.MetricValue(
            metrics, "aspnetcore_rate_limiting_requests_total", "aspnetcore_rate_limiting_policy=\"api\"", "aspnetcore_rate_limiting_result=\"acquired\""));
        Assert.Equal(110, (long)await Lucid.Redis.ExecuteAsync("GET", ClientKey));
        var pttl = (long)await Lucid.Redis.ExecuteAsync("PTTL", ClientKey);
        Assert.InRange(pttl, 1, 60_000);
    }

    [Fact]
    public async Task S2_T4_a_second_instance_on_the_same_redis_rejects_the_client_at_once()
    {
        var token = Lucid.Token();
        await using var first = await Lucid.StartSampleAsync();
        Assert.All(await SendAsync(first, token, 100), s => Assert.Equal(200, s));

        // Both instances run (this test reads no /metrics, so two hosts in one process do not matter); the second has
        // no local state of that client: the budget it enforces is the one in Redis.
        await using var second = await Lucid.StartSampleAsync();

        Assert.Equal(429, (await second.GetApiAsync("/api/v1/test", token)).Status);
    }

    [Fact]
    public async Task S2_T4_a_rejected_request_says_when_to_retry_within_the_60_second_window()
    {
        await using var host = await Lucid.StartSampleAsync(new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "1" });
        var token = Lucid.Token();
        Assert.Equal(200, (await host.GetApiAsync("/api/v1/test", token)).Status);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/test", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var rejected = await host.Client.SendAsync(request);

        Assert.Equal(429, (int)rejected.StatusCode);
        var retryAfter = rejected.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    private static async Task<List<int>> SendAsync(SampleHost host, string token, int count)
    {
        var statuses = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await host.GetApiAsync("/api/v1/test", token)).Status);
        }

        return statuses;
    }
}
