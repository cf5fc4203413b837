using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Health.Checks;

namespace OpsKit.Tests.Checks;

public sealed class DiskSpaceCheckTests
{
    private static readonly string Path = AppContext.BaseDirectory;

    [Fact]
    public async Task Usage_above_UnhealthyAt_is_Unhealthy_and_the_gauge_matches_df()
    {
        var used = await Df.UsedRatioAsync(Path);
        await using var app = await CheckApp.StartAsync(h => h.AddDiskSpace("data", Path, o =>
        {
            o.DegradedAt = used / 4;
            o.UnhealthyAt = used / 2;
        }));

        var check = await app.WaitForAsync("data", "Unhealthy");

        Assert.Equal("threshold", check.Category());
        Assert.InRange(check.Data().GetProperty("used_ratio").GetDouble(), used - 0.01, used + 0.01);
        Assert.True(check.Data().GetProperty("total_bytes").GetInt64() > 0);
        using var gauge = new MetricCollector<double>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.disk.utilization");
        gauge.RecordObservableInstruments();
        var measurement = Assert.Single(gauge.GetMeasurementSnapshot());
        Assert.Equal(Path, measurement.Tags["path"]);
        Assert.InRange(measurement.Value, used - 0.01, used + 0.01);
    }

    [Fact]
    public async Task Usage_between_the_thresholds_is_Degraded()
    {
        var used = await Df.UsedRatioAsync(Path);
        await using var app = await CheckApp.StartAsync(h => h.AddDiskSpace("data", Path, o =>
        {
            o.DegradedAt = used / 2;
            o.UnhealthyAt = used + ((1 - used) / 2);
        }));

        var check = await app.WaitForAsync("data", "Degraded");

        Assert.Equal("threshold", check.Category());
    }

    [Fact]
    public async Task Usage_below_DegradedAt_is_Healthy_with_free_bytes()
    {
        var used = await Df.UsedRatioAsync(Path);
        await using var app = await CheckApp.StartAsync(h => h.AddDiskSpace("data", Path, o =>
        {
            o.DegradedAt = used + ((1 - used) / 2);
            o.UnhealthyAt = used + (3 * (1 - used) / 4);
        }));

        // The disk is shared with other test assemblies (PostgreSQL clusters, builds) that write and delete tens of MB at
        // a time: wait for a run (every 200 ms) that agrees with df's reading taken right after it (df's statfs, not the
        // DriveInfo the check itself uses).
        var (check, _) = await Eventually.Until(
            async () => (Check: await app.WaitForAsync("data", "Healthy"), Df: await Df.AvailableBytesAsync(Path)),
            r => Math.Abs(r.Df - r.Check.Data().GetProperty("free_bytes").GetInt64()) <= 64L * 1024 * 1024,
            TimeSpan.FromSeconds(10),
            "the check's free_bytes agrees with df within 64 MB");

        Assert.True(check.Data().GetProperty("free_bytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Free_space_under_MinFreeBytes_is_Unhealthy_whatever_the_ratio()
    {
        var free = await Df.AvailableBytesAsync(Path);
        await using var app = await CheckApp.StartAsync(h => h.AddDiskSpace("data", Path, o =>
        {
            o.DegradedAt = 0.999;
            o.UnhealthyAt = 1;
            o.MinFreeBytes = free * 2;
        }));

        var check = await app.WaitForAsync("data", "Unhealthy");

        Assert.Contains("MinFreeBytes", check.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_not_created_yet_is_measured_on_the_volume_it_will_be_created_on()
    {
        // A directory check with Create may create the path in the same round; the volume is what this check reports.
        var missing = System.IO.Path.Combine(Path, "not-created-" + Guid.NewGuid().ToString("N"), "cache");
        var used = await Df.UsedRatioAsync(Path);
        await using var app = await CheckApp.StartAsync(h => h.AddDiskSpace("data", missing, o =>
        {
            o.DegradedAt = used / 4;
            o.UnhealthyAt = used / 2;
        }));

        var check = await app.WaitForAsync("data", "Unhealthy");

        Assert.Equal("threshold", check.Category());
        Assert.Equal(missing, check.Data().GetProperty("path").GetString());
        Assert.Equal(Path.TrimEnd('/'), check.Data().GetProperty("measured_path").GetString());
        Assert.InRange(check.Data().GetProperty("used_ratio").GetDouble(), used - 0.01, used + 0.01);
    }
}
