using OpsKit.Testing.Internal;

namespace OpsKit.Testing;

/// <summary>
/// A 0755 temp root (<c>$OPSKIT_FIXTURE_ROOT/nobody-&lt;random&gt;</c>) that user <c>nobody</c> can read but not
/// write, with a private <see cref="Home"/> for it. Disposing deletes the tree.
/// </summary>
public sealed class NobodyDirectory : IDisposable
{
    private const UnixFileMode Mode0755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private NobodyDirectory(string path)
    {
        Path = path;
        Home = System.IO.Path.Combine(path, "home");
    }

    /// <summary>The root directory: mode 0755, owned by the current user.</summary>
    public string Path { get; }

    /// <summary><c>Path/home</c>: mode 0700, owned by <c>nobody</c> when running as root; use it as HOME.</summary>
    public string Home { get; }

    /// <summary>Creates the root and its home directory.</summary>
    /// <param name="cancellationToken">Cancels the chown of the home directory.</param>
    /// <returns>The new directory; dispose it to delete it.</returns>
    public static async Task<NobodyDirectory> CreateAsync(CancellationToken cancellationToken = default)
    {
        var directory = new NobodyDirectory(FixtureDirectory.Create("nobody", Mode0755));
        try
        {
            Directory.CreateDirectory(directory.Home);
            FixtureDirectory.SetMode(directory.Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (Environment.IsPrivilegedProcess)
            {
                var chown = await ProcessRunner.RunAsync(
                    "chown", [$"{NobodyProcess.User}:{NobodyProcess.Group}", directory.Home], TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                if (!chown.Succeeded)
                {
                    throw new InvalidOperationException($"chown of {directory.Home} failed: {chown.StandardError}");
                }
            }

            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Creates <c>Path/name</c> owned by the current user with exactly <paramref name="mode"/> (the umask is not applied).</summary>
    /// <param name="name">A relative path inside <see cref="Path"/>.</param>
    /// <param name="mode">The mode, e.g. 0555 to make it read-only for everyone but root.</param>
    /// <returns>The full path.</returns>
    public string CreateSubdirectory(string name, UnixFileMode mode)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        FixtureDirectory.SetMode(path, mode);
        return path;
    }

    /// <summary>Changes the mode of <paramref name="path"/> (a directory made by <see cref="CreateSubdirectory"/>) while a sample runs.</summary>
    /// <param name="path">The full path.</param>
    /// <param name="mode">The new mode, e.g. 0555 to make it read-only for the service user.</param>
    public static void SetMode(string path, UnixFileMode mode) => FixtureDirectory.SetMode(path, mode);

    /// <summary>Deletes the directory tree (as its owner or root, so read-only subdirectories are no obstacle).</summary>
    public void Dispose() => FixtureDirectory.Delete(Path);
}
