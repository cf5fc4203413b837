using System.Text;

namespace OpsKit.Sample.FileService.Internal;

/// <summary>Files under the storage root: path resolution that never leaves the root, and streamed writes.</summary>
internal sealed class FileStore(string root)
{
    /// <summary>Longest file or directory name, in UTF-8 bytes (the file system's NAME_MAX).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Longest request path, in UTF-8 bytes (well under PATH_MAX once joined to the storage root).</summary>
    public const int MaxPathBytes = 1024;

    private const int BufferSize = 81_920;

    public string Root { get; } = root;

    /// <summary>
    /// Resolves a request path (<c>a/b.txt</c>); null, with the reason, when it is empty, has an empty segment
    /// (<c>a//b</c>, a leading or trailing slash), a <c>.</c>/<c>..</c> segment, a backslash or a control character, a
    /// name over <see cref="MaxNameBytes"/> or a path over <see cref="MaxPathBytes"/>, or would leave the storage root.
    /// </summary>
    public StoredPath? Resolve(string? path, out string? reason)
    {
        reason = Invalid(path ?? string.Empty);
        if (reason is not null)
        {
            return null;
        }

        var segments = path!.Split('/');
        var full = Path.GetFullPath(Path.Combine([Root, .. segments]));
        if (!full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            reason = "outside the storage root";
            return null;
        }

        return new StoredPath("/" + path, full);
    }

    /// <summary>
    /// Why <paramref name="target"/> cannot be written as a file: a directory is there, or one of its parents is a file.
    /// </summary>
    public string? Conflict(StoredPath target)
    {
        if (Directory.Exists(target.FullPath))
        {
            return "A directory exists at this path.";
        }

        for (var parent = Path.GetDirectoryName(target.FullPath); parent is not null && parent.Length > Root.Length; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                return "A file exists where this path needs a directory.";
            }
        }

        return null;
    }

    /// <summary>
    /// Streams <paramref name="body"/> into a temporary file in the target's directory (never buffering it whole). The
    /// temporary name does not derive from the target's, so a name near <see cref="MaxNameBytes"/> still fits.
    /// </summary>
    /// <returns>The temporary file and the number of bytes written.</returns>
    public static async Task<(string TempPath, long Length)> WriteTempAsync(StoredPath target, Stream body, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(target.FullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await body.CopyToAsync(file, BufferSize, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            return (temp, file.Length);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Moves the temporary file over the target; returns true when the target did not exist before.</summary>
    public static bool Commit(string tempPath, StoredPath target)
    {
        var created = !File.Exists(target.FullPath);
        File.Move(tempPath, target.FullPath, overwrite: true);
        return created;
    }

    private static string? Invalid(string path)
    {
        if (path.Length == 0)
        {
            return "empty";
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            return $"longer than {MaxPathBytes} bytes";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "empty segment";
            }

            if (segment is "." or ".." || segment.Contains('\\', StringComparison.Ordinal))
            {
                return "relative or backslash segment";
            }

            if (segment.Any(char.IsControl))
            {
                return "control character";
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxNameBytes)
            {
                return $"name longer than {MaxNameBytes} bytes";
            }
        }

        return null;
    }
}
