namespace OpsKit.Packaging.Tests;

/// <summary>Where the repository, the packed packages and the consumer project are.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory that holds OpsKit.slnx, found by walking up from the test assembly.</summary>
    public static string Root => LazyRoot.Value;

    public static string SolutionFile => Path.Combine(Root, "OpsKit.slnx");

    /// <summary>Where <c>./build.sh pack</c> writes the packages.</summary>
    public static string PackagesDirectory => Path.Combine(Root, "artifacts", "packages");

    public static string ConsumerDirectory => Path.Combine(Root, "nuget", "consumer");

    public static string ConsumerProject => Path.Combine(ConsumerDirectory, "OpsKit.Consumer.csproj");

    /// <summary>The consumer's own global packages folder (its nuget.config globalPackagesFolder).</summary>
    public static string ConsumerPackagesFolder => Path.Combine(ConsumerDirectory, ".nuget", "packages");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpsKit.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No OpsKit.slnx found in {AppContext.BaseDirectory} or any directory above it; run the tests from the repository.");
    }
}
