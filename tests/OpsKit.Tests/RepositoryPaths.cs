namespace OpsKit.Tests;

/// <summary>Files of this repository that tests read (docs, rules, sources), found from the test's output directory.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The directory that holds OpsKit.slnx.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>A path inside the repository, from its parts relative to the root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpsKit.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OpsKit.slnx not found above " + AppContext.BaseDirectory);
    }
}
