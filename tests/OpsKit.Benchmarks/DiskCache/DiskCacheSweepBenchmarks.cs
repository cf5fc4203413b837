using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using OpsKit.Caching;
using OpsKit.Caching.Internal;

namespace OpsKit.Benchmarks.DiskCache;

/// <summary>
/// One disk-cache sweep over 1,000 files (under the bound and younger than the max age, so nothing is deleted and every
/// run sees the same directory) against a plain <c>Directory.EnumerateFiles</c> + <c>FileInfo</c> walk that sums the
/// lengths and finds the oldest access time: the cost of the sweep beyond reading the directory.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class DiskCacheSweepBenchmarks
{
    private const int Files = 1000;
    private string _root = null!;
    private DiskCacheSweeper _sweeper = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("opskit-bench-disk-").FullName;
        var now = DateTime.UtcNow;
        for (var i = 0; i < Files; i++)
        {
            var path = Path.Combine(_root, (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), i + ".bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, new byte[128]);
            File.SetLastAccessTimeUtc(path, now.AddSeconds(-i));
        }

        var options = new OpsDiskCacheBoundOptions { Path = _root, MaxBytes = long.MaxValue, MaxAge = TimeSpan.FromDays(30) };
        _sweeper = new DiskCacheSweeper("bench", options, TimeProvider.System, DiskCacheFileDeleter.System, NullLogger.Instance);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true)]
    public long PlainEnumerateFilesWalk()
    {
        long total = 0;
        var oldest = DateTime.MaxValue;
        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(path);
            total += info.Length;
            if (info.LastAccessTimeUtc < oldest)
            {
                oldest = info.LastAccessTimeUtc;
            }
        }

        return total;
    }

    [Benchmark]
    public long OpsKitSweep() => _sweeper.Sweep()!.Value.Bytes;
}
