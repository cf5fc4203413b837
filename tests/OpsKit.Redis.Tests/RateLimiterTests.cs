using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

[Collection(SharedRedisCollection.Name)]
public sealed class RateLimiterTests(RedisServerFixture fixture)
{
    private RedisServer Server => fixture.Server;

    [Fact]
    public async Task Hundred_and_ten_sequential_requests_get_100_ok_and_10_too_many_and_the_key_expires_within_the_window()
    {
        var prefix = RateLimiterApp.UniquePrefix();
        await using var app = await RateLimiterApp.StartAsync(Server, o =>
        {
            o.PermitLimit = 100;
            o.Window = TimeSpan.FromSeconds(60);
            o.KeyPrefix = prefix;
        });

        var statuses = await app.SendAsync(110);

        Assert.All(statuses.Take(100), s => Assert.Equal(200, s));
        Assert.All(statuses.Skip(100), s => Assert.Equal(429, s));
        var pttl = (long)await Server.ExecuteAsync("PTTL", prefix + "127.0.0.1");
        Assert.InRange(pttl, 1, 60_000);
    }

    [Fact]
    public async Task The_default_key_prefix_names_the_policy()
    {
        await using var app = await RateLimiterApp.StartAsync(Server, o => o.PermitLimit = 5);
        await Server.ExecuteAsync("DEL", "opskit:ratelimit:api:127.0.0.1");

        Assert.Equal([200, 200], await app.SendAsync(2));

        Assert.Equal(2, (long)await Server.ExecuteAsync("GET", "opskit:ratelimit:api:127.0.0.1"));
        await Server.ExecuteAsync("DEL", "opskit:ratelimit:api:127.0.0.1");
    }

    [Fact]
    public async Task A_second_instance_on_the_same_redis_rejects_the_client_at_once()
    {
        var prefix = RateLimiterApp.UniquePrefix();
        await using var first = await RateLimiterApp.StartAsync(Server, o => { o.PermitLimit = 3; o.KeyPrefix = prefix; });
        await using var second = await RateLimiterApp.StartAsync(Server, o => { o.PermitLimit = 3; o.KeyPrefix = prefix; });

        Assert.Equal([200, 200, 200], await first.SendAsync(3));

        Assert.Equal([429], await second.SendAsync(1));
    }

    [Fact]
    public async Task A_rejected_request_says_to_retry_when_the_redis_window_ends()
    {
        var prefix = RateLimiterApp.UniquePrefix();
        await using var app = await RateLimiterApp.StartAsync(Server, o => { o.PermitLimit = 1; o.Window = TimeSpan.FromSeconds(30); o.KeyPrefix = prefix; });
        Assert.Equal([200], await app.SendAsync(1));

        using var rejected = await app.Client.GetAsync(new Uri("/api/test", UriKind.Relative));

        Assert.Equal(429, (int)rejected.StatusCode);
        Assert.InRange(rejected.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Options_from_configuration_win_over_code()
    {
        var prefix = RateLimiterApp.UniquePrefix();
        await using var app = await RateLimiterApp.StartAsync(
            Server,
            o => { o.PermitLimit = 100; o.KeyPrefix = "unused:"; },
            new Dictionary<string, string?>
            {
                ["OpsKit:Redis:RateLimiting:api:PermitLimit"] = "2",
                ["OpsKit:Redis:RateLimiting:api:KeyPrefix"] = prefix,
            });

        Assert.Equal([200, 200, 429], await app.SendAsync(3));
        Assert.Equal(3, (long)await Server.ExecuteAsync("GET", prefix + "127.0.0.1"));
    }

    [Fact]
    public async Task Invalid_options_fail_start_up_naming_each_configuration_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => RateLimiterApp.StartAsync(
            Server,
            _ => { },
            new Dictionary<string, string?>
            {
                ["OpsKit:Redis:RateLimiting:api:PermitLimit"] = "0",
                ["OpsKit:Redis:RateLimiting:api:Window"] = "00:00:00",
                ["OpsKit:Redis:RateLimiting:api:Timeout"] = "00:00:00",
            }));

        Assert.Contains("OpsKit:Redis:RateLimiting:api:PermitLimit must be greater than zero.", failure.Failures);
        Assert.Contains("OpsKit:Redis:RateLimiting:api:Window must be at least 1 ms.", failure.Failures);
        Assert.Contains("OpsKit:Redis:RateLimiting:api:Timeout must be greater than zero.", failure.Failures);
    }

    [Fact]
    public async Task A_policy_without_a_registered_multiplexer_fails_start_up_naming_the_policy()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b =>
            {
                b.Services.AddRateLimiter(_ => { });
                b.Services.AddOpsRedisRateLimiter(RateLimiterApp.Policy);
            },
            map: a =>
            {
                a.UseRateLimiter();
                a.MapGet("/api/test", () => "ok").RequireRateLimiting(RateLimiterApp.Policy);
            }));

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("OpsKit:Redis:RateLimiting:api: rate limiter policy 'api' needs an IConnectionMultiplexer", message, StringComparison.Ordinal);
    }
}
