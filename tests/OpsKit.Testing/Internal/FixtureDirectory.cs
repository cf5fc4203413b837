using System.Security.Cryptography;

namespace OpsKit.Testing.Internal;

/// <summary>
/// Fixture directories live under <c>$OPSKIT_FIXTURE_ROOT</c> (default <c>/tmp/opskit-fixtures</c>) so that
/// build.sh can stop leftovers by their pid files. Paths stay short: a unix socket path is limited to 107 bytes.
/// </summary>
internal static class FixtureDirectory
{
    private const UnixFileMode Mode0755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static string Root
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("OPSKIT_FIXTURE_ROOT");
            return string.IsNullOrWhiteSpace(root) ? "/tmp/opskit-fixtures" : root;
        }
    }

    /// <summary>Creates <c>&lt;root&gt;/&lt;prefix&gt;-&lt;random&gt;</c> with the given mode; the root itself is 0755 so other users can traverse it.</summary>
    public static string Create(string prefix, UnixFileMode mode)
    {
        var root = Root;
        if (!Directory.Exists(root))
        {
            // Mode set after creation: Directory.CreateDirectory applies the umask, and the postgres and nobody users must traverse the root.
            Directory.CreateDirectory(root);
            SetMode(root, Mode0755);
        }

        while (true)
        {
            var path = Path.Combine(root, $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
            if (Directory.Exists(path))
            {
                continue;
            }

            Directory.CreateDirectory(path);
            SetMode(path, mode);
            return path;
        }
    }

    /// <summary>Sets exactly <paramref name="mode"/> (no umask). The fixtures need a Unix machine anyway.</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("OpsKit test fixtures need Linux.");
        }

        File.SetUnixFileMode(path, mode);
    }

    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    public static async Task DeleteAsync(string path)
    {
        // A server process that is just exiting may still remove or create a file (socket, lock, log) while the tree
        // is deleted, which makes the final rmdir fail; retry briefly rather than leave the directory behind.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Delete(path);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            }
        }
    }

    public static string Tail(string file, int lines = 30)
    {
        try
        {
            return File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(lines)) : "(no log file)";
        }
        catch (IOException exception)
        {
            return $"(log unreadable: {exception.Message})";
        }
    }
}
