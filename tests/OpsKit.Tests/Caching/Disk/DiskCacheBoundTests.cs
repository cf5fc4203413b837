using Microsoft.Extensions.DependencyInjection;
using OpsKit.Caching.Internal;

namespace OpsKit.Tests.Caching.Disk;

public sealed class DiskCacheBoundTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task S4_T4_a_sweep_over_the_bound_deletes_the_least_recently_accessed_files_until_it_fits()
    {
        using var dir = new CacheDirectory();
        await using var host = await CacheHost.StartAsync(s => s.AddOpsDiskCacheBound("artifacts", dir.Path, o => o.MaxBytes = 10 * CacheDirectory.MiB));
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");
        using var size = new CacheMetricsReader(host.Services, "opskit.cache.disk.usage");
        using var entries = new CacheMetricsReader(host.Services, "opskit.cache.entries");

        // Fifteen 1 MiB files, all written 10 days ago; access order deliberately not the name order.
        var now = host.Time.GetUtcNow();
        int[] accessRank = [7, 2, 14, 0, 9, 11, 4, 13, 1, 6, 10, 3, 12, 5, 8];
        for (var i = 0; i < accessRank.Length; i++)
        {
            dir.Write($"f{i:D2}.bin", CacheDirectory.MiB, now.AddDays(-10), now.AddHours(-15 + accessRank[i]));
        }

        host.Time.Advance(Interval);

        await Eventually.Until(() => evictions.Read("artifacts", "reason", "capacity") == 5, Wait, "five capacity evictions are counted");
        var leastRecent = Enumerable.Range(0, 15).Where(i => accessRank[i] < 5).Select(i => $"f{i:D2}.bin").ToList();
        var remaining = dir.Files();
        Assert.Equal(10, remaining.Count);
        Assert.Empty(remaining.Intersect(leastRecent));
        Assert.True(remaining.Sum(f => new FileInfo(Path.Combine(dir.Path, f)).Length) <= 10 * CacheDirectory.MiB);
        Assert.Equal(0, evictions.Read("artifacts", "reason", "expired"));
        Assert.Equal(10L * CacheDirectory.MiB, size.Read("artifacts"));
        Assert.Equal(10, entries.Read("artifacts"));
    }

    [Fact]
    public async Task S4_T4_files_last_written_longer_ago_than_max_age_are_deleted_as_expired()
    {
        using var dir = new CacheDirectory();
        await using var host = await CacheHost.StartAsync(s => s.AddOpsDiskCacheBound("artifacts", dir.Path, o =>
        {
            o.MaxBytes = 100 * CacheDirectory.MiB;
            o.MaxAge = TimeSpan.FromDays(30);
        }));
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");
        var now = host.Time.GetUtcNow();
        dir.Write("old-1.bin", 1024, now.AddDays(-31), now.AddHours(-1));
        dir.Write("nested/old-2.bin", 1024, now.AddDays(-31));
        dir.Write("old-3.bin", 1024, now.AddDays(-45));
        dir.Write("recent.bin", 1024, now.AddDays(-29));
        dir.Write("nested/new.bin", 1024, now.AddMinutes(-5));

        host.Time.Advance(Interval);

        await Eventually.Until(() => evictions.Read("artifacts", "reason", "expired") == 3, Wait, "three expired evictions are counted");
        Assert.Equal(["nested/new.bin", "recent.bin"], dir.Files());
        Assert.Equal(0, evictions.Read("artifacts", "reason", "capacity"));
    }

    [Fact]
    public async Task A_file_that_cannot_be_deleted_is_skipped_and_the_next_least_recently_accessed_goes_instead()
    {
        using var dir = new CacheDirectory();
        var now = DateTimeOffset.UtcNow;
        var locked = dir.Write("a-oldest.bin", CacheDirectory.MiB, now.AddDays(-1), now.AddHours(-3));
        dir.Write("b-older.bin", CacheDirectory.MiB, now.AddDays(-1), now.AddHours(-2));
        dir.Write("c-newest.bin", CacheDirectory.MiB, now.AddDays(-1), now.AddHours(-1));
        var deleter = new DiskCacheFileDeleter
        {
            Delete = path => (path == locked ? throw new IOException("The file is in use.") : (Action<string>)File.Delete)(path),
        };
        await using var host = await CacheHost.StartAsync(s =>
        {
            s.AddSingleton(deleter);
            s.AddOpsDiskCacheBound("artifacts", dir.Path, o => o.MaxBytes = 2 * CacheDirectory.MiB);
        });
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");

        host.Time.Advance(Interval);

        await Eventually.Until(() => evictions.Read("artifacts", "reason", "capacity") == 1, Wait, "one capacity eviction is counted");
        Assert.Equal(["a-oldest.bin", "c-newest.bin"], dir.Files());
    }

    [Fact]
    public async Task Symbolic_links_are_neither_followed_nor_deleted_nor_counted()
    {
        using var dir = new CacheDirectory();
        using var outside = new CacheDirectory();
        var now = DateTimeOffset.UtcNow;
        var target = outside.Write("precious.bin", 4 * CacheDirectory.MiB, now.AddDays(-100));
        outside.Write("deep/precious.bin", 4 * CacheDirectory.MiB, now.AddDays(-100));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "link-to-file.bin"), target);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "link-to-dir"), outside.Path);
        dir.Write("own.bin", CacheDirectory.MiB, now.AddDays(-1));
        await using var host = await CacheHost.StartAsync(s => s.AddOpsDiskCacheBound("artifacts", dir.Path, o =>
        {
            o.MaxBytes = 2 * CacheDirectory.MiB;
            o.MaxAge = TimeSpan.FromDays(30);
        }));
        using var size = new CacheMetricsReader(host.Services, "opskit.cache.disk.usage");
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");

        host.Time.Advance(Interval);

        await Eventually.Until(() => size.Read("artifacts") == CacheDirectory.MiB, Wait, "the sweep counts only the directory's own file");
        Assert.Equal(["deep/precious.bin", "precious.bin"], outside.Files());
        Assert.True(File.Exists(Path.Combine(dir.Path, "own.bin")));
        Assert.NotNull(new FileInfo(Path.Combine(dir.Path, "link-to-file.bin")).LinkTarget);
        Assert.Equal(0, evictions.Read("artifacts", "reason", "capacity"));
        Assert.Equal(0, evictions.Read("artifacts", "reason", "expired"));
    }

    [Fact]
    public async Task A_directory_checks_probe_file_is_neither_counted_nor_deleted()
    {
        // The directory check on the same path writes a 1-byte probe while it runs: the bound must not evict a real file for it.
        using var dir = new CacheDirectory();
        var now = DateTimeOffset.UtcNow;
        dir.Write("a.bin", CacheDirectory.MiB, now.AddDays(-2));
        dir.Write("b.bin", CacheDirectory.MiB, now.AddDays(-1));
        dir.Write(".opskit-probe-0123456789abcdef0123456789abcdef", 1, now);
        await using var host = await CacheHost.StartAsync(s => s.AddOpsDiskCacheBound("artifacts", dir.Path, o => o.MaxBytes = 2 * CacheDirectory.MiB));
        using var size = new CacheMetricsReader(host.Services, "opskit.cache.disk.usage");
        using var evictions = new CacheMetricsReader(host.Services, "opskit.cache.evictions");

        host.Time.Advance(Interval);

        await Eventually.Until(() => size.Read("artifacts") == 2 * CacheDirectory.MiB, Wait, "the sweep counts the two cache files only");
        Assert.Equal(0, evictions.Read("artifacts", "reason", "capacity"));
        Assert.Equal([".opskit-probe-0123456789abcdef0123456789abcdef", "a.bin", "b.bin"], dir.Files());
    }

    [Fact]
    public async Task A_missing_directory_is_swept_as_empty()
    {
        var missing = Path.Combine(Path.GetTempPath(), "opskit-disk-cache-missing-" + Guid.NewGuid().ToString("N"));
        await using var host = await CacheHost.StartAsync(s => s.AddOpsDiskCacheBound("artifacts", missing, o => o.MaxBytes = 1));
        using var size = new CacheMetricsReader(host.Services, "opskit.cache.disk.usage");
        using var capacity = new CacheMetricsReader(host.Services, "opskit.cache.disk.limit");

        host.Time.Advance(Interval);

        await Eventually.Until(() => size.Read("artifacts") == 0, Wait, "the size gauge reads 0");
        Assert.Equal(1, capacity.Read("artifacts"));
        Assert.False(Directory.Exists(missing));
    }
}
