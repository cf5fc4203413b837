using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpsKit.Packaging.Tests;

/// <summary>Each package holds exactly the files it should: a missing or an unexpected entry fails.</summary>
public sealed partial class PackageContentsTests
{
    private static readonly string[] ExpectedPackageIds = ["OpsKit", "OpsKit.Analyzers", "OpsKit.Grpc", "OpsKit.Npgsql", "OpsKit.Redis"];

    [Fact]
    public void Artifacts_hold_exactly_the_OpsKit_OpsKit_Analyzers_OpsKit_Grpc_OpsKit_Npgsql_and_OpsKit_Redis_packages()
    {
        var packed = PackedPackage.All.Keys.Order(StringComparer.Ordinal).ToArray();

        Assert.True(
            packed.SequenceEqual(ExpectedPackageIds, StringComparer.Ordinal),
            $"Expected the packages [{string.Join(", ", ExpectedPackageIds)}] in {RepositoryLayout.PackagesDirectory}, found [{string.Join(", ", packed)}]. "
            + "A test, sample or analyzer project that became packable, or a renamed package, shows up here.");
    }

    [Fact]
    public void OpsKit_holds_its_library_docs_analyzers_code_fixes_build_props_and_readme_and_nothing_else()
    {
        AssertExactEntries(
            PackedPackage.Get("OpsKit"),
            "lib/net10.0/OpsKit.dll",
            "lib/net10.0/OpsKit.xml",
            "analyzers/dotnet/cs/OpsKit.Analyzers.dll",
            "analyzers/dotnet/cs/OpsKit.Analyzers.CodeFixes.dll",
            "buildTransitive/OpsKit.props",
            "buildTransitive/OpsKit.AnalyzerProperties.props",
            "README.md");
    }

    [Fact]
    public void OpsKit_Analyzers_holds_analyzers_code_fixes_build_props_and_readme_and_no_lib()
    {
        AssertExactEntries(
            PackedPackage.Get("OpsKit.Analyzers"),
            "analyzers/dotnet/cs/OpsKit.Analyzers.dll",
            "analyzers/dotnet/cs/OpsKit.Analyzers.CodeFixes.dll",
            "buildTransitive/OpsKit.Analyzers.props",
            "buildTransitive/OpsKit.AnalyzerProperties.props",
            "README.md");
    }

    [Fact]
    public void OpsKit_Npgsql_holds_its_library_docs_and_readme_and_nothing_else()
    {
        AssertExactEntries(
            PackedPackage.Get("OpsKit.Npgsql"),
            "lib/net10.0/OpsKit.Npgsql.dll",
            "lib/net10.0/OpsKit.Npgsql.xml",
            "README.md");
    }

    [Fact]
    public void OpsKit_Grpc_holds_its_library_docs_and_readme_and_nothing_else()
    {
        AssertExactEntries(
            PackedPackage.Get("OpsKit.Grpc"),
            "lib/net10.0/OpsKit.Grpc.dll",
            "lib/net10.0/OpsKit.Grpc.xml",
            "README.md");
    }

    [Fact]
    public void OpsKit_Redis_holds_its_library_docs_and_readme_and_nothing_else()
    {
        AssertExactEntries(
            PackedPackage.Get("OpsKit.Redis"),
            "lib/net10.0/OpsKit.Redis.dll",
            "lib/net10.0/OpsKit.Redis.xml",
            "README.md");
    }

    [Theory]
    [InlineData("OpsKit")]
    [InlineData("OpsKit.Analyzers")]
    public void Every_MSBuild_import_in_a_packed_buildTransitive_props_resolves_to_a_file_in_the_same_package(string packageId)
    {
        var package = PackedPackage.Get(packageId);
        var propsFiles = package.Entries.Where(e => e.StartsWith("buildTransitive/", StringComparison.Ordinal) && e.EndsWith(".props", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(propsFiles);

        var unresolved = new List<string>();
        foreach (var propsFile in propsFiles)
        {
            using var stream = new MemoryStream(package.ReadEntry(propsFile));
            var imports = XDocument.Load(stream).Descendants().Where(e => e.Name.LocalName == "Import").Select(e => (string?)e.Attribute("Project") ?? "");
            foreach (var import in imports)
            {
                var target = import.Replace("$(MSBuildThisFileDirectory)", "buildTransitive/", StringComparison.Ordinal);
                if (!package.Entries.Contains(target, StringComparer.Ordinal))
                {
                    unresolved.Add($"{propsFile} imports '{import}'");
                }
            }
        }

        Assert.True(unresolved.Count == 0, $"{packageId}: imports that point outside the package: {string.Join("; ", unresolved)}");
    }

    /// <summary>
    /// Asserts the package holds exactly <paramref name="payload"/> plus the entries every nupkg has:
    /// [Content_Types].xml, _rels/.rels, package/services/metadata/core-properties/*.psmdcp and {id}.nuspec.
    /// </summary>
    private static void AssertExactEntries(PackedPackage package, params string[] payload)
    {
        var actual = package.Entries.ToHashSet(StringComparer.Ordinal);
        var expected = payload.Concat(["[Content_Types].xml", "_rels/.rels", $"{package.Id}.nuspec"]).ToHashSet(StringComparer.Ordinal);

        var missing = expected.Where(e => !actual.Contains(e)).Order(StringComparer.Ordinal).ToList();
        var coreProperties = actual.Where(e => CorePropertiesEntry().IsMatch(e)).ToList();
        if (coreProperties.Count != 1)
        {
            missing.Add($"package/services/metadata/core-properties/<id>.psmdcp (found {coreProperties.Count})");
        }

        var unexpected = actual.Where(e => !expected.Contains(e) && !CorePropertiesEntry().IsMatch(e)).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            missing.Count == 0 && unexpected.Count == 0,
            $"{package.Id} ({Path.GetFileName(package.Path)}):{Environment.NewLine}"
            + $"  missing:    [{string.Join(", ", missing)}]{Environment.NewLine}"
            + $"  unexpected: [{string.Join(", ", unexpected)}]{Environment.NewLine}"
            + $"  entries:    [{string.Join(", ", package.Entries)}]");
    }

    [GeneratedRegex(@"^package/services/metadata/core-properties/[^/]+\.psmdcp$")]
    private static partial Regex CorePropertiesEntry();
}
