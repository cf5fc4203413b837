using System.Collections.Concurrent;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Parsed certificate files per check, reused while a file's size and last write time are unchanged: building the
/// chain reads the system trust store and dominates a run. Each run replaces its check's entries with the files it
/// saw, so the cache holds only the configured files.
/// </summary>
internal sealed class CertificateFileCache
{
    private readonly ConcurrentDictionary<string, Dictionary<string, Entry>> _byCheck = new(StringComparer.Ordinal);

    public CertificateInfo? GetOrRead(string check, string file, string id, Dictionary<string, Entry> seen)
    {
        var info = new FileInfo(file);
        var stamp = (info.LastWriteTimeUtc, info.Length);
        if (_byCheck.TryGetValue(check, out var previous)
            && previous.TryGetValue(file, out var entry)
            && entry.Stamp == stamp
            && entry.Id == id)
        {
            seen[file] = entry;
            return entry.Certificate;
        }

        var certificate = CertificateFiles.Read(file, id);
        seen[file] = new Entry(stamp, id, certificate);
        return certificate;
    }

    public void Replace(string check, Dictionary<string, Entry> seen) => _byCheck[check] = seen;

    internal sealed record Entry((DateTime LastWrite, long Length) Stamp, string Id, CertificateInfo? Certificate);
}
