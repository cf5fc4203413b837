using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpsKit.Tests.Caching.Disk;

public sealed class DiskCacheConfigurationTests
{
    [Fact]
    public async Task A_bound_without_path_or_max_bytes_fails_startup_naming_both_keys()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(s => s.AddOpsDiskCacheBound("artifacts", null)));

        Assert.Contains(ex.Failures, f => f.StartsWith("OpsKit:Caching:Disk:artifacts:Path is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("OpsKit:Caching:Disk:artifacts:MaxBytes is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_values_in_configuration_are_reported_at_once_naming_their_keys()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(
            s => s.AddOpsDiskCacheBound("artifacts", "/var/cache/artifact_vault", o => o.MaxBytes = 100),
            new Dictionary<string, string?>
            {
                ["OpsKit:Caching:Disk:artifacts:MaxBytes"] = "0",
                ["OpsKit:Caching:Disk:artifacts:MaxAge"] = "-1.00:00:00",
                ["OpsKit:Caching:Disk:artifacts:SweepInterval"] = "00:00:00",
            }));

        Assert.Contains("OpsKit:Caching:Disk:artifacts:MaxBytes must be greater than zero.", ex.Failures);
        Assert.Contains("OpsKit:Caching:Disk:artifacts:MaxAge must be greater than zero.", ex.Failures);
        Assert.Contains("OpsKit:Caching:Disk:artifacts:SweepInterval must be greater than zero.", ex.Failures);
    }

    [Fact]
    public async Task An_unknown_key_or_an_unregistered_bound_fails_startup_naming_it()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CacheHost.StartAsync(
            s => s.AddOpsDiskCacheBound("artifacts", "/var/cache/artifact_vault", o => o.MaxBytes = 100),
            new Dictionary<string, string?>
            {
                ["OpsKit:Caching:Disk:artifacts:MaxByte"] = "100",
                ["OpsKit:Caching:Disk:thumbnails:MaxBytes"] = "100",
            }));

        Assert.Contains(ex.Failures, f => f.StartsWith("OpsKit:Caching:Disk:artifacts:MaxByte is not a known key of a disk cache bound. Did you mean OpsKit:Caching:Disk:artifacts:MaxBytes?", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("OpsKit:Caching:Disk:thumbnails: no disk cache bound named 'thumbnails'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configuration_overrides_the_code_and_validation_passes()
    {
        using var dir = new CacheDirectory();
        await using var host = await CacheHost.StartAsync(
            s => s.AddOpsDiskCacheBound("artifacts", "/nonexistent/from-code", o => o.MaxBytes = 1),
            new Dictionary<string, string?>
            {
                ["OpsKit:Caching:Disk:artifacts:Path"] = dir.Path,
                ["OpsKit:Caching:Disk:artifacts:MaxBytes"] = "10485760",
                ["OpsKit:Caching:Disk:artifacts:MaxAge"] = "30.00:00:00",
            });

        var options = host.Services.GetRequiredService<IOptionsMonitor<OpsKit.Caching.OpsDiskCacheBoundOptions>>().Get("artifacts");
        Assert.Equal(dir.Path, options.Path);
        Assert.Equal(10485760, options.MaxBytes);
        Assert.Equal(TimeSpan.FromDays(30), options.MaxAge);
    }

    [Fact]
    public async Task With_the_health_engine_disk_cache_errors_are_reported_once_with_the_engines_own()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth();
                b.Services.AddOpsDiskCacheBound("artifacts", "/var/cache/artifact_vault");
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:00" }));

        Assert.Single(ex.Failures, f => f.StartsWith("OpsKit:Caching:Disk:artifacts:MaxBytes is required", StringComparison.Ordinal));
        Assert.Contains("OpsKit:Health:Period must be greater than zero.", ex.Failures);
    }

    [Fact]
    public async Task A_memory_cache_and_a_disk_cache_bound_live_side_by_side_under_one_caching_section()
    {
        using var dir = new CacheDirectory();
        await using var host = await CacheHost.StartAsync(
            s =>
            {
                s.AddOpsMemoryCache("products", o => o.SizeLimit = 10);
                s.AddOpsDiskCacheBound("artifacts", dir.Path);
            },
            new Dictionary<string, string?> { ["OpsKit:Caching:Disk:artifacts:MaxBytes"] = "1000" });
        using var memoryLimit = new CacheMetricsReader(host.Services, "opskit.cache.memory.limit");
        using var diskLimit = new CacheMetricsReader(host.Services, "opskit.cache.disk.limit");

        Assert.Equal(10, memoryLimit.Read("products"));
        Assert.Equal(1000, diskLimit.Read("artifacts"));
    }

    [Fact]
    public void A_disk_cache_bound_may_not_share_a_memory_caches_name()
    {
        var services = new ServiceCollection().AddOpsMemoryCache("artifacts", o => o.SizeLimit = 1);

        Assert.Throws<ArgumentException>(() => services.AddOpsDiskCacheBound("artifacts", "/tmp"));
    }
}
