namespace OpsKit.Packaging.Tests;

/// <summary>
/// Builds nuget/consumer once against the packed OpsKit package. Before the build it deletes the consumer's isolated
/// copy of every OpsKit* package and its bin/obj: a re-pack keeps the same version, so a package already restored would
/// otherwise be used again, and an up-to-date build would skip the compiler and show no analyzer diagnostics.
/// </summary>
public sealed class ConsumerBuildFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private BuildOutput? _output;

    public string PackageVersion { get; private set; } = "";

    public int ExitCode { get; private set; }

    public TimeSpan Duration { get; private set; }

    public BuildOutput Output => _output ?? throw new InvalidOperationException("The consumer has not been built.");

    public async Task InitializeAsync()
    {
        PackageVersion = PackedPackage.Get("OpsKit").Version;

        if (Directory.Exists(RepositoryLayout.ConsumerPackagesFolder))
        {
            foreach (var stale in Directory.GetDirectories(RepositoryLayout.ConsumerPackagesFolder, "opskit*"))
            {
                Directory.Delete(stale, recursive: true);
            }
        }

        foreach (var output in new[] { "bin", "obj" })
        {
            var path = Path.Combine(RepositoryLayout.ConsumerDirectory, output);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        var run = await DotnetCli.RunAsync(
            RepositoryLayout.ConsumerDirectory,
            [
                "build", RepositoryLayout.ConsumerProject,
                "-c", "Release",
                "--disable-build-servers",
                "-nologo",
                "-tl:off",
                // Normal verbosity logs the csc command line, which shows the /analyzer: paths.
                "-v:n",
                $"-p:OpsKitPackageVersion={PackageVersion}",
            ],
            BuildTimeout);

        ExitCode = run.ExitCode;
        Duration = run.Duration;
        _output = new BuildOutput(run.Output);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
