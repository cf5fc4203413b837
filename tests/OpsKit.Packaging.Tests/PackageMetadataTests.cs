using System.Text.RegularExpressions;

namespace OpsKit.Packaging.Tests;

/// <summary>The nuspec metadata every OpsKit package must carry.</summary>
public sealed partial class PackageMetadataTests
{
    public static TheoryData<string> PackageIds => ["OpsKit", "OpsKit.Analyzers", "OpsKit.Grpc", "OpsKit.Npgsql", "OpsKit.Redis"];

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Version_is_a_0_1_0_preview_N_prerelease(string packageId)
    {
        var version = PackedPackage.Get(packageId).Version;

        Assert.Matches(PreviewVersion(), version);
    }

    [Fact]
    public void All_packages_share_one_version()
    {
        var versions = PackedPackage.All.Values.Select(p => p.Version).Distinct(StringComparer.Ordinal).ToList();

        Assert.True(
            versions.Count == 1,
            $"The packages have different versions: {string.Join(", ", PackedPackage.All.Values.Select(p => $"{p.Id} {p.Version}"))}");
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void License_is_the_MIT_expression(string packageId)
    {
        var license = PackedPackage.Get(packageId).MetadataElement("license");

        Assert.NotNull(license);
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Readme_metadata_names_a_non_empty_file_in_the_package(string packageId)
    {
        var package = PackedPackage.Get(packageId);
        var readme = package.Element("readme");

        Assert.False(string.IsNullOrWhiteSpace(readme), $"{packageId} has no <readme>.");
        Assert.Contains(readme, package.Entries);
        Assert.NotEmpty(package.ReadEntry(readme));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Repository_metadata_is_a_git_https_url(string packageId)
    {
        var repository = PackedPackage.Get(packageId).MetadataElement("repository");

        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://", (string?)repository.Attribute("url"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Tags_description_authors_and_project_url_are_present(string packageId)
    {
        var package = PackedPackage.Get(packageId);

        Assert.All(
            new[] { "tags", "description", "authors", "projectUrl" },
            name => Assert.False(string.IsNullOrWhiteSpace(package.Element(name)), $"{packageId} has no <{name}>."));
    }

    [GeneratedRegex(@"^0\.1\.0-preview\.[1-9][0-9]*$")]
    private static partial Regex PreviewVersion();
}
