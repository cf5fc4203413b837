namespace OpsKit.Tests.Caching.Disk;

/// <summary>A fresh directory under the temp path for one test, deleted afterwards.</summary>
internal sealed class CacheDirectory : IDisposable
{
    public const int MiB = 1024 * 1024;

    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "opskit-disk-cache-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Writes a file of <paramref name="bytes"/> bytes and sets its last write and last access times.</summary>
    public string Write(string relative, int bytes, DateTimeOffset written, DateTimeOffset? accessed = null)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        File.SetLastAccessTimeUtc(path, (accessed ?? written).UtcDateTime);
        return path;
    }

    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f))
            .Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }
}
