namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>
/// S4-T4, the disk-cache-bound half (S4-C1, S4-C2, S4-M6): the cache directory bounded to 10 MiB with a 30-day max age.
/// </summary>
public sealed class DiskCacheBoundTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task S4_T4_cache_directory_over_its_bound_loses_its_least_recently_accessed_and_expired_files()
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url, new Dictionary<string, string?>
        {
            ["OpsKit:Caching:Disk:artifact-files:MaxBytes"] = (10 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpsKit:Caching:Disk:artifact-files:MaxAge"] = "30.00:00:00",
            ["OpsKit:Caching:Disk:artifact-files:SweepInterval"] = "00:00:01",
        });

        // Prepared next to the cache and renamed into it in one step, so no sweep sees a half-written set.
        var staging = Path.Combine(proxy.Root, "staging");
        Directory.CreateDirectory(staging);
        var now = DateTime.UtcNow;
        int[] accessRank = [7, 2, 14, 0, 9, 11, 4, 13, 1, 6, 10, 3, 12, 5, 8];
        for (var i = 0; i < accessRank.Length; i++)
        {
            Write(Path.Combine(staging, $"f{i:D2}.bin"), MiB, now.AddDays(-10), now.AddHours(-15 + accessRank[i]));
        }

        Write(Path.Combine(staging, "stale-1.bin"), 1024, now.AddDays(-31), now.AddHours(-1));
        Write(Path.Combine(staging, "stale-2.bin"), 1024, now.AddDays(-31), now.AddDays(-31));
        Directory.CreateDirectory(proxy.CacheDirectory);
        var batch = Path.Combine(proxy.CacheDirectory, "batch");
        Directory.Move(staging, batch);

        var metrics = await Eventually.Until(
            () => proxy.Host.ScrapeAsync(),
            m => Evictions(m, "capacity") == 5 && Evictions(m, "expired") == 2
                && SampleHost.MetricValue(m, "opskit_cache_disk_usage_bytes", "cache=\"artifact-files\"") == 10 * MiB,
            ProxyHost.N,
            "the sweep evicted 5 files for capacity and 2 expired ones");

        var remaining = Directory.EnumerateFiles(batch).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        var expected = Enumerable.Range(0, 15).Where(i => accessRank[i] >= 5).Select(i => $"f{i:D2}.bin").ToList();
        Assert.Equal(expected, remaining);
        Assert.Equal(10, SampleHost.MetricValue(metrics, "opskit_cache_entries", "cache=\"artifact-files\""));
        Assert.Equal(10 * MiB, SampleHost.MetricValue(metrics, "opskit_cache_disk_limit_bytes", "cache=\"artifact-files\""));
    }

    private static double? Evictions(string metrics, string reason) =>
        SampleHost.MetricValue(metrics, "opskit_cache_evictions_total", "cache=\"artifact-files\"", $"reason=\"{reason}\"");

    private static void Write(string path, int bytes, DateTime written, DateTime accessed)
    {
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, written);
        File.SetLastAccessTimeUtc(path, accessed);
    }
}
