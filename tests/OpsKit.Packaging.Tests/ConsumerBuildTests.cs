using System.Security.Cryptography;
using System.Text.Json;
using Xunit.Abstractions;

namespace OpsKit.Packaging.Tests;

/// <summary>An app outside the repository's build (nuget/consumer) consumes the packed OpsKit package and gets its analyzers.</summary>
public sealed class ConsumerBuildTests : IClassFixture<ConsumerBuildFixture>
{
    private const string AnalyzerEntry = "analyzers/dotnet/cs/OpsKit.Analyzers.dll";
    private readonly ConsumerBuildFixture _build;
    private readonly ITestOutputHelper _log;

    public ConsumerBuildTests(ConsumerBuildFixture build, ITestOutputHelper log)
    {
        _build = build;
        _log = log;
    }

    [Fact]
    public void Consumer_builds_against_the_packed_OpsKit_package()
    {
        _log.WriteLine($"dotnet build nuget/consumer took {_build.Duration.TotalSeconds:0.0} s");

        Assert.True(
            _build.ExitCode == 0,
            $"dotnet build nuget/consumer exited with {_build.ExitCode}:{Environment.NewLine}{DotnetCli.Tail(_build.Output.Text, 60)}");
    }

    [Fact]
    public void Consumer_restores_the_packed_OpsKit_package_into_its_own_package_folder()
    {
        using var assets = ReadAssets();

        var folders = assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => Path.GetFullPath(p.Name)).ToList();
        Assert.Equal([Path.GetFullPath(RepositoryLayout.ConsumerPackagesFolder) + Path.DirectorySeparatorChar], folders.Select(EnsureTrailingSeparator));
        Assert.True(
            assets.RootElement.GetProperty("libraries").TryGetProperty($"OpsKit/{_build.PackageVersion}", out _),
            $"project.assets.json has no OpsKit/{_build.PackageVersion} library.");
    }

    [Fact]
    public void Consumer_uses_the_package_just_packed_not_a_stale_copy()
    {
        using var assets = ReadAssets();
        var restoredHash = assets.RootElement.GetProperty("libraries").GetProperty($"OpsKit/{_build.PackageVersion}").GetProperty("sha512").GetString();

        var packedHash = Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(PackedPackage.Get("OpsKit").Path)));

        Assert.Equal(packedHash, restoredHash);
    }

    [Fact]
    public void Consumer_restore_lists_the_packed_analyzer_assembly()
    {
        using var assets = ReadAssets();
        var files = assets.RootElement.GetProperty("libraries").GetProperty($"OpsKit/{_build.PackageVersion}").GetProperty("files")
            .EnumerateArray().Select(f => f.GetString()).ToList();

        Assert.Contains(AnalyzerEntry, files);
    }

    [Fact]
    public void Compiler_is_given_the_analyzer_from_the_consumers_package_folder()
    {
        var expected = "/analyzer:" + Path.Combine(RepositoryLayout.ConsumerPackagesFolder, "opskit", _build.PackageVersion.ToLowerInvariant(), AnalyzerEntry);

        Assert.True(
            _build.Output.Text.Contains(expected, StringComparison.Ordinal),
            $"The csc command line has no '{expected}':{Environment.NewLine}{DotnetCli.Tail(_build.Output.Text, 40)}");
    }

    [Fact]
    public void Build_reports_no_analyzer_load_version_or_crash_diagnostics()
    {
        // CS9057: analyzer built against a newer compiler (silently disabled); CS8032: analyzer instance cannot be created; AD0001: analyzer threw.
        string[] failures = ["CS9057", "CS8032", "AD0001"];

        var found = failures.Where(id => _build.Output.Text.Contains(id, StringComparison.Ordinal)).ToList();

        Assert.True(
            found.Count == 0,
            $"The consumer build mentions {string.Join(", ", found)}:{Environment.NewLine}{string.Join(Environment.NewLine, found.SelectMany(_build.Output.DiagnosticLines))}");
    }

    /// <summary>
    /// The end-to-end proof that a user who adds the package sees the analyzers: the consumer's Program.cs maps no
    /// health endpoint (OPS0001), creates an unbounded MemoryCache (OPS0003) and connects to Redis per request (OPS0007).
    /// </summary>
    [Theory]
    [InlineData("OPS0001")]
    [InlineData("OPS0003")]
    [InlineData("OPS0007")]
    public void Build_reports_the_analyzer_warning_for_the_mistake_in_the_consumer(string ruleId)
    {
        Assert.True(_build.ExitCode == 0, $"dotnet build nuget/consumer failed:{Environment.NewLine}{DotnetCli.Tail(_build.Output.Text, 60)}");

        _build.Output.AssertBuildReports(ruleId);
    }

    private static string EnsureTrailingSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;

    private static JsonDocument ReadAssets()
    {
        var path = Path.Combine(RepositoryLayout.ConsumerDirectory, "obj", "project.assets.json");
        Assert.True(File.Exists(path), $"{path} does not exist: the consumer's restore did not run.");
        return JsonDocument.Parse(File.ReadAllBytes(path));
    }
}
