using System.Globalization;

namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>
/// S4-T4 "Cache disk usage high" (S4-H5), the disk-threshold half. The disk-cache bound and the 30-day max-age sweep
/// (S4-C1, S4-C2, S4-M6) are in DiskCacheBoundTests.
/// </summary>
public sealed class DiskThresholdTests(ITestOutputHelper output)
{
    [Fact]
    public async Task S4_T4_cache_disk_above_its_threshold_is_Unhealthy_and_the_usage_gauge_matches_df()
    {
        await using var stub = await ArtifactStub.StartAsync();
        // The cache directory is a temp subdirectory (ProxyHost): same volume as the temp directory.
        var used = await Df.UsedRatioAsync(Path.GetTempPath());

        // The threshold just below the volume's real usage: never fill the real disk.
        await using var proxy = await ProxyHost.StartAsync(stub.Url, new Dictionary<string, string?>
        {
            ["OpsKit:Health:Checks:cache-disk:DegradedAt"] = (used * 0.8).ToString(CultureInfo.InvariantCulture),
            ["OpsKit:Health:Checks:cache-disk:UnhealthyAt"] = (used * 0.9).ToString(CultureInfo.InvariantCulture),
        });

        // The threshold is crossed from the start: timed from the started host, whose first run begins at once.
        var health = await proxy.WaitForCheckAsync("cache-disk", "Unhealthy", FaultClock.Start("S4-T4", "usage-above-threshold", FaultClock.N, output));

        var metrics = await proxy.Host.ScrapeAsync();
        // The volume is shared (other builds and test runs write and delete on it meanwhile): compare with the range df
        // showed before the start and after the readings, each within 1 point.
        var now = await Df.UsedRatioAsync(Path.GetTempPath());
        var (low, high) = (Math.Min(used, now) - 0.01, Math.Max(used, now) + 0.01);
        var check = health.GetProperty("checks").GetProperty("cache-disk");
        Assert.Equal("threshold", check.GetProperty("error").GetProperty("category").GetString());
        Assert.InRange(check.GetProperty("data").GetProperty("used_ratio").GetDouble(), low, high);
        var gauge = SampleHost.MetricValue(metrics, "opskit_disk_utilization", $"path=\"{proxy.CacheDirectory}\"");
        Assert.NotNull(gauge);
        Assert.InRange(gauge.Value, low, high);
        Assert.Equal(0, SampleHost.MetricValue(metrics, "opskit_health_check_status", "check=\"cache-disk\""));
        // Non-critical: a full cache volume is reported, the proxy stays in rotation (it streams what it cannot cache).
        // Polled: readiness is 503 "starting" until every check has run once, and cache-disk can be the first to finish.
        await Eventually.Until(
            async () => await proxy.Host.GetStatusAsync("/health/ready") == HttpStatusCode.OK,
            ProxyHost.N,
            "readiness is 200 with cache-disk Unhealthy");
    }
}
