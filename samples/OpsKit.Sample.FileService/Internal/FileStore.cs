namespace OpsKit.Sample.FileService.Internal;

/// <summary>Files under the storage root: path resolution that never leaves the root, and streamed writes.</summary>
internal sealed class FileStore(string root)
{
    private const int BufferSize = 81_920;

    public string Root { get; } = root;

    /// <summary>Resolves a request path (<c>a/b.txt</c>); null when it is empty or would leave the storage root.</summary>
    public StoredPath? Resolve(string? path)
    {
        var segments = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is "." or ".." || s.Contains('\0', StringComparison.Ordinal) || s.Contains('\\', StringComparison.Ordinal)))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine([Root, .. segments]));
        return full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? new StoredPath("/" + string.Join('/', segments), full)
            : null;
    }

    /// <summary>Streams <paramref name="body"/> into a temporary file next to the target (never buffering it whole).</summary>
    /// <returns>The temporary file and the number of bytes written.</returns>
    public static async Task<(string TempPath, long Length)> WriteTempAsync(StoredPath target, Stream body, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target.FullPath)!);
        var temp = $"{target.FullPath}.{Guid.NewGuid():N}.tmp";
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
}
