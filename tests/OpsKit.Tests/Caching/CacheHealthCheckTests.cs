using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Caching.Internal;

namespace OpsKit.Tests.Caching;

public sealed class CacheHealthCheckTests
{
    [Fact]
    public async Task A_full_cache_that_evicts_faster_than_the_threshold_is_degraded()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => { o.SizeLimit = 10; o.DegradedEvictionRate = 1; }));
        var check = host.Services.GetRequiredKeyedService<CacheHealthCheck>("products");
        var cache = host.Cache("products");
        Fill(cache, 10, "warm");
        Assert.Equal(HealthStatus.Healthy, (await RunAsync(check)).Status);

        Fill(cache, 40, "churn");
        var ops = host.Services.GetRequiredKeyedService<OpsMemoryCache>("products");
        await Eventually.Until(() => ops.CapacityEvictions >= 30, TimeSpan.FromSeconds(10), "capacity evictions are counted");
        host.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await RunAsync(check);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("cache 'products' is full", result.Description, StringComparison.Ordinal);
        Assert.True((double)result.Data["eviction_rate"] > 1);
    }

    [Fact]
    public async Task A_full_cache_that_rarely_evicts_is_healthy()
    {
        await using var host = await CacheHost.StartAsync(s => s.AddOpsMemoryCache("products", o => { o.SizeLimit = 10; o.DegradedEvictionRate = 1; }));
        var check = host.Services.GetRequiredKeyedService<CacheHealthCheck>("products");
        var cache = host.Cache("products");
        Fill(cache, 12, "a");
        host.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await RunAsync(check);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(10L, result.Data["capacity"]);
    }

    [Fact]
    public async Task The_engine_shows_a_check_per_cache()
    {
        await using var app = await TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsMemoryCache("products", o => o.SizeLimit = 10);
                b.Services.AddOpsHealth();
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Details"] = "Always" });

        var details = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Body.GetProperty("checks").TryGetProperty("cache.products", out var c) && c.TryGetProperty("data", out _),
            TimeSpan.FromSeconds(10),
            "the cache check has run");

        var check = details.Body.GetProperty("checks").GetProperty("cache.products");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Equal(10, check.GetProperty("data").GetProperty("capacity").GetInt64());
    }

    private static void Fill(IMemoryCache cache, int count, string prefix)
    {
        for (var i = 0; i < count; i++)
        {
            cache.Set(prefix + i, i);
        }
    }

    private static Task<HealthCheckResult> RunAsync(CacheHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("cache.products", check, null, null) });
}
