namespace OpsKit.Caching.Internal;

/// <summary>
/// Deletes one file of a swept cache directory. A seam so tests can make a deletion fail the way a file held open
/// on Windows (or made immutable) does, which a test running as root on Linux cannot otherwise arrange.
/// </summary>
internal sealed class DiskCacheFileDeleter
{
    public static DiskCacheFileDeleter System { get; } = new();

    public Action<string> Delete { get; init; } = File.Delete;
}
