using System.Xml.Linq;

namespace OpsKit.Packaging.Tests;

/// <summary>nuget/consumer stays outside the repository's build and restores OpsKit only from the packed packages.</summary>
public sealed class ConsumerLayoutTests
{
    [Fact]
    public void Consumer_is_not_a_project_of_OpsKit_slnx()
    {
        var projects = SolutionProjectDirectories();

        Assert.DoesNotContain(projects, p => IsSameOrUnder(p, RepositoryLayout.ConsumerDirectory));
    }

    [Fact]
    public void No_solution_project_directory_contains_the_consumer_so_no_default_glob_compiles_it()
    {
        var containing = SolutionProjectDirectories().Where(p => IsSameOrUnder(RepositoryLayout.ConsumerDirectory, p)).ToList();

        Assert.True(containing.Count == 0, $"These projects' default Compile globs include nuget/consumer: {string.Join(", ", containing)}");
    }

    [Fact]
    public void No_project_file_sits_in_a_directory_above_the_consumer()
    {
        var found = new List<string>();
        for (var directory = Directory.GetParent(RepositoryLayout.ConsumerDirectory); directory is not null; directory = directory.Parent)
        {
            found.AddRange(Directory.GetFiles(directory.FullName, "*.csproj"));
            if (string.Equals(directory.FullName.TrimEnd(Path.DirectorySeparatorChar), RepositoryLayout.Root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.Empty(found);
    }

    [Theory]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Build.targets")]
    [InlineData("Directory.Packages.props")]
    public void Consumer_stops_the_repository_MSBuild_file_from_leaking_in_with_an_empty_one(string fileName)
    {
        var path = Path.Combine(RepositoryLayout.ConsumerDirectory, fileName);
        Assert.True(File.Exists(path), $"{path} is missing, so the repository's {fileName} applies to the consumer.");

        var root = XDocument.Load(path).Root;

        Assert.NotNull(root);
        Assert.Equal("Project", root.Name.LocalName);
        Assert.Empty(root.Elements());
    }

    [Fact]
    public void Consumer_nuget_config_clears_inherited_sources_and_adds_the_local_feed_and_nuget_org()
    {
        var sources = NuGetConfig().Root!.Element("packageSources")!;

        Assert.Equal("clear", sources.Elements().First().Name.LocalName);
        Assert.Equal(
            Path.GetFullPath(RepositoryLayout.PackagesDirectory),
            Path.GetFullPath(Path.Combine(RepositoryLayout.ConsumerDirectory, SourceValue(sources, "opskit-local"))));
        Assert.Equal("https://api.nuget.org/v3/index.json", SourceValue(sources, "nuget.org"));
    }

    [Fact]
    public void Consumer_nuget_config_maps_OpsKit_packages_to_the_local_feed_and_everything_else_to_nuget_org()
    {
        var mapping = NuGetConfig().Root!.Element("packageSourceMapping")!;

        string[] Patterns(string key) => mapping.Elements("packageSource")
            .Where(s => (string?)s.Attribute("key") == key)
            .SelectMany(s => s.Elements("package").Select(p => (string?)p.Attribute("pattern") ?? ""))
            .ToArray();

        Assert.Equal(["OpsKit*"], Patterns("opskit-local"));
        Assert.Equal(["*"], Patterns("nuget.org"));
    }

    [Fact]
    public void Consumer_nuget_config_keeps_restored_packages_in_a_folder_inside_the_consumer()
    {
        var value = NuGetConfig().Root!.Element("config")!.Elements("add")
            .Single(e => (string?)e.Attribute("key") == "globalPackagesFolder")
            .Attribute("value")!.Value;

        Assert.Equal(
            Path.GetFullPath(RepositoryLayout.ConsumerPackagesFolder),
            Path.GetFullPath(Path.Combine(RepositoryLayout.ConsumerDirectory, value)));
    }

    private static XDocument NuGetConfig() => XDocument.Load(Path.Combine(RepositoryLayout.ConsumerDirectory, "nuget.config"));

    private static string SourceValue(XElement sources, string key) =>
        sources.Elements("add").SingleOrDefault(e => (string?)e.Attribute("key") == key)?.Attribute("value")?.Value
        ?? throw new Xunit.Sdk.XunitException($"nuget/consumer/nuget.config has no package source '{key}'.");

    private static List<string> SolutionProjectDirectories() =>
        XDocument.Load(RepositoryLayout.SolutionFile).Descendants("Project")
            .Select(p => (string?)p.Attribute("Path") ?? "")
            .Select(path => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(RepositoryLayout.Root, path)))!)
            .ToList();

    private static bool IsSameOrUnder(string path, string directory)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var parent = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(parent, StringComparison.Ordinal);
    }
}
