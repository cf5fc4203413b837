using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

/// <summary>Each test stops or freezes its own Redis.</summary>
public sealed class RateLimiterFaultTests
{
    [Fact]
    public async Task Redis_stopped_with_fail_open_serves_under_the_local_limit_and_counts_each_request_as_a_store_failure()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await RateLimiterApp.StartAsync(server, o => { o.PermitLimit = 3; o.KeyPrefix = RateLimiterApp.UniquePrefix(); });
        using var failures = StoreFailures(app);
        Assert.Equal([200], await app.SendAsync(1));

        await StopAsync(server, app);
        var statuses = await app.SendAsync(5);

        // The local window starts empty: 3 more are served on this instance, then it limits on its own.
        Assert.Equal([200, 200, 200, 429, 429], statuses);
        var measurements = failures.GetMeasurementSnapshot();
        Assert.Equal(5, measurements.Sum(m => m.Value));
        Assert.All(measurements, m => Assert.Equal(["policy"], m.Tags.Keys));
        Assert.All(measurements, m => Assert.Equal("api", m.Tags["policy"]));
    }

    [Fact]
    public async Task Redis_stopped_with_fail_closed_answers_503_on_limited_routes()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await RateLimiterApp.StartAsync(
            server,
            o => o.KeyPrefix = RateLimiterApp.UniquePrefix(),
            new Dictionary<string, string?> { ["OpsKit:Redis:RateLimiting:api:FailMode"] = "Closed" });
        using var failures = StoreFailures(app);
        Assert.Equal([200], await app.SendAsync(1));

        await StopAsync(server, app);

        Assert.Equal([503, 503], await app.SendAsync(2));
        Assert.Equal(2, failures.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task Frozen_redis_does_not_stall_requests_beyond_the_timeout()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await RateLimiterApp.StartAsync(server, o => { o.KeyPrefix = RateLimiterApp.UniquePrefix(); o.Timeout = TimeSpan.FromMilliseconds(300); });
        using var failures = StoreFailures(app);
        Assert.Equal([200], await app.SendAsync(1));

        await server.FreezeAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            var statuses = await app.SendAsync(3);
            watch.Stop();

            Assert.Equal([200, 200, 200], statuses);
            Assert.Equal(3, failures.GetMeasurementSnapshot().Sum(m => m.Value));
            // 3 × 300 ms; the bound leaves headroom for a loaded 2-core machine, far below SIGSTOP's "for ever".
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed.TotalMilliseconds} ms");
        }
        finally
        {
            await server.ThawAsync();
        }
    }

    [Fact]
    public async Task Local_fallback_window_says_when_it_ends_and_reopens_after_the_window()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await RedisServer.StartAsync();
        await using var app = await RateLimiterApp.StartAsync(
            server,
            o => { o.PermitLimit = 2; o.Window = TimeSpan.FromSeconds(60); o.KeyPrefix = RateLimiterApp.UniquePrefix(); },
            time: time);
        await StopAsync(server, app);
        Assert.Equal([200, 200], await app.SendAsync(2));

        time.Advance(TimeSpan.FromSeconds(45));
        using (var rejected = await app.Client.GetAsync(new Uri("/api/test", UriKind.Relative)))
        {
            Assert.Equal(429, (int)rejected.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(15), rejected.Headers.RetryAfter?.Delta);
        }

        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal([200, 200, 429], await app.SendAsync(3));
    }

    private static MetricCollector<long> StoreFailures(TestApp app) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.rate_limit.store_failures");

    /// <summary>Stops Redis and waits until the app's multiplexer has noticed, so every later request meets the outage.</summary>
    private static async Task StopAsync(RedisServer server, TestApp app)
    {
        await server.StopAsync();
        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.Until(() => !multiplexer.IsConnected, TimeSpan.FromSeconds(10), "the multiplexer sees Redis gone");
    }
}
