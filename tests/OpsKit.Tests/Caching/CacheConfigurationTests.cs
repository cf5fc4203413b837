using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpsKit.Tests.Caching;

public sealed class CacheConfigurationTests
{
    [Fact]
    public async Task A_missing_size_limit_fails_startup_naming_the_key()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(s => s.AddOpsMemoryCache("products")));

        Assert.Contains(ex.Failures, f => f.StartsWith("OpsKit:Caching:products:SizeLimit is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_health_engine_cache_errors_are_reported_once_with_the_engines_own()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth();
                b.Services.AddOpsMemoryCache("products");
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:00" }));

        Assert.Single(ex.Failures, f => f.StartsWith("OpsKit:Caching:products:SizeLimit is required", StringComparison.Ordinal));
        Assert.Contains("OpsKit:Health:Period must be greater than zero.", ex.Failures);
    }

    [Fact]
    public async Task A_zero_size_limit_in_configuration_fails_startup_naming_the_key()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(
            s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 100),
            new Dictionary<string, string?> { ["OpsKit:Caching:products:SizeLimit"] = "0" }));

        Assert.Contains("OpsKit:Caching:products:SizeLimit must be greater than zero.", ex.Failures);
    }

    [Fact]
    public async Task Every_bad_value_is_reported_at_once()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(
            s =>
            {
                s.AddOpsMemoryCache("products", o => o.SizeLimit = 100);
                s.AddOpsMemoryCache("users", o => o.SizeLimit = 100);
            },
            new Dictionary<string, string?>
            {
                ["OpsKit:Caching:products:CompactionPercentage"] = "1.5",
                ["OpsKit:Caching:users:DefaultEntrySize"] = "500",
                ["OpsKit:Caching:users:AbsoluteExpirationRelativeToNow"] = "-00:01:00",
            }));

        Assert.Contains("OpsKit:Caching:products:CompactionPercentage must be greater than 0 and at most 1.", ex.Failures);
        Assert.Contains("OpsKit:Caching:users:DefaultEntrySize must not be greater than SizeLimit.", ex.Failures);
        Assert.Contains("OpsKit:Caching:users:AbsoluteExpirationRelativeToNow must be greater than zero.", ex.Failures);
    }

    [Fact]
    public async Task An_unknown_key_fails_startup_naming_it()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(
            s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 100),
            new Dictionary<string, string?> { ["OpsKit:Caching:products:SizeLimt"] = "10" }));

        Assert.Contains(ex.Failures, f => f.StartsWith("OpsKit:Caching:products:SizeLimt is not a known key of a cache. Did you mean OpsKit:Caching:products:SizeLimit?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreadable_value_fails_startup_naming_the_key()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(
            s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 100),
            new Dictionary<string, string?> { ["OpsKit:Caching:products:SizeLimit"] = "lots" }));

        Assert.Contains(ex.Failures, f => f.Contains("OpsKit:Caching:products:SizeLimit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_section_for_a_cache_that_is_not_registered_fails_startup()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(
            s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 100),
            new Dictionary<string, string?> { ["OpsKit:Caching:prodcuts:SizeLimit"] = "10" }));

        Assert.Contains("OpsKit:Caching:prodcuts: no cache named 'prodcuts' is registered (AddOpsMemoryCache).", ex.Failures);
    }

    [Fact]
    public async Task Configuration_overrides_the_code()
    {
        await using var host = await CacheHost.StartAsync(
            s => s.AddOpsMemoryCache("products", o => o.SizeLimit = 100),
            new Dictionary<string, string?> { ["OpsKit:Caching:products:SizeLimit"] = "250", ["OpsKit:Caching:Policy"] = "ops" });

        Assert.Equal(250, host.Stats("products").Capacity);
    }
}
