using OpsKit.Hosting.Internal;

namespace OpsKit.Caching.Internal;

/// <summary>
/// Keeps one cache directory within its bound. A sweep walks the regular files under the path (recursively; entries
/// with the reparse-point attribute, which is how .NET reports symbolic links, are skipped and never followed), deletes
/// the files last written longer ago than <c>MaxAge</c> (reason <c>expired</c>), then deletes the least recently
/// accessed files while the total exceeds <c>MaxBytes</c> (reason <c>capacity</c>). A file that cannot be deleted
/// (held open on Windows, immutable, permission) is skipped and not counted. Sweeps never overlap.
/// </summary>
internal sealed class DiskCacheSweeper(
    string name,
    OpsDiskCacheBoundOptions options,
    TimeProvider time,
    DiskCacheFileDeleter deleter,
    ILogger logger) : IDisposable
{
    private static readonly EnumerationOptions Walk = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    private readonly Lock _sweeping = new();
    private ITimer? _timer;
    private long _capacityEvictions;
    private long _expiredEvictions;
    private long _bytes;
    private long _files;

    public string Name { get; } = name;

    public OpsDiskCacheBoundOptions Options { get; } = options;

    public long CapacityEvictions => Interlocked.Read(ref _capacityEvictions);

    public long ExpiredEvictions => Interlocked.Read(ref _expiredEvictions);

    /// <summary>Total bytes of the files found by the last sweep, minus what it deleted.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Files found by the last sweep, minus what it deleted.</summary>
    public long Files => Interlocked.Read(ref _files);

    public void Start()
    {
        var interval = Options.SweepInterval;
        _timer = time.CreateTimer(static state => ((DiskCacheSweeper)state!).Sweep(), this, interval, interval);
    }

    /// <summary>Runs one sweep now; returns null when another sweep is still running.</summary>
    public DiskCacheSweepResult? Sweep()
    {
        if (!_sweeping.TryEnter())
        {
            return null;
        }

        try
        {
            var result = SweepOnce();
            Interlocked.Exchange(ref _bytes, result.Bytes);
            Interlocked.Exchange(ref _files, result.Files);
            Interlocked.Add(ref _expiredEvictions, result.Expired);
            Interlocked.Add(ref _capacityEvictions, result.Capacity);
            if (result.Expired + result.Capacity + result.Skipped > 0)
            {
                Log.DiskCacheSwept(logger, Name, result.Expired, result.Capacity, result.Skipped, result.Bytes, Options.MaxBytes ?? 0);
            }

            return result;
        }
        finally
        {
            _sweeping.Exit();
        }
    }

    private DiskCacheSweepResult SweepOnce()
    {
        var root = new DirectoryInfo(Path.GetFullPath(Options.Path!));
        if (!root.Exists)
        {
            return default;
        }

        var entries = new List<Entry>();
        long total = 0;
        try
        {
            foreach (var file in root.EnumerateFiles("*", Walk))
            {
                // A directory check on the same path writes and deletes a 1-byte probe file while it runs; counting it
                // would evict a real file for a byte that is gone a millisecond later.
                if (file.Name.StartsWith(ProbeFiles.Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var written = file.LastWriteTimeUtc;
                var accessed = file.LastAccessTimeUtc;
                entries.Add(new Entry(file.FullName, file.Length, written, accessed > written ? accessed : written));
                total += file.Length;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The directory vanished or became unreadable mid-walk: keep what was found, sweep again next time.
            Log.DiskCacheWalkFailed(logger, Name, ex.GetType().Name);
        }

        int expired = 0, capacity = 0, skipped = 0;
        var kept = entries;
        if (Options.MaxAge is { } maxAge)
        {
            var cutoff = time.GetUtcNow().UtcDateTime - maxAge;
            kept = new List<Entry>(entries.Count);
            foreach (var entry in entries)
            {
                if (entry.Written >= cutoff)
                {
                    kept.Add(entry);
                }
                else if (TryDelete(entry.Path))
                {
                    expired++;
                    total -= entry.Length;
                }
                else
                {
                    skipped++;
                    kept.Add(entry);
                }
            }
        }

        var files = kept.Count;
        var max = Options.MaxBytes ?? long.MaxValue;
        if (total > max)
        {
            kept.Sort(static (a, b) =>
            {
                var byAccess = a.Accessed.CompareTo(b.Accessed);
                return byAccess != 0 ? byAccess : string.CompareOrdinal(a.Path, b.Path);
            });
            foreach (var entry in kept)
            {
                if (total <= max)
                {
                    break;
                }

                if (TryDelete(entry.Path))
                {
                    capacity++;
                    files--;
                    total -= entry.Length;
                }
                else
                {
                    skipped++;
                }
            }
        }

        return new DiskCacheSweepResult(expired, capacity, skipped, total, files);
    }

    private bool TryDelete(string path)
    {
        try
        {
            deleter.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.DiskCacheFileNotDeleted(logger, Name, ex.GetType().Name);
            return false;
        }
    }

    public void Dispose() => _timer?.Dispose();

    private readonly record struct Entry(string Path, long Length, DateTime Written, DateTime Accessed);
}
